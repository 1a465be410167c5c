using System.Text.Json;
using Genie.Core.Runs;
using Genie.Core.Specs;
using static Genie.Core.Tests.Specs.SpecAssertions;
using static Genie.Core.Tests.Specs.SpecDocuments;

namespace Genie.Core.Tests.Runs;

public class ParamResolverTests
{
    private static readonly IReadOnlyDictionary<string, ParamSpec> Declared = Declare(
        "{date: {required: true}, region: {default: eu, enum: [eu, us]}, shards: {type: integer}, ratio: {type: number}, dry: {type: boolean}}");

    private static IReadOnlyDictionary<string, ParamSpec> Declare(string declarations) =>
        ShouldParse(WithTask("command: [echo]", "params: " + declarations)).Spec.Params;

    // Params as the REST API receives them: one JSON object.
    private static Dictionary<string, JsonElement> Json(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;

    private static IReadOnlyDictionary<string, ParamValue> ShouldResolve(string json, IReadOnlyDictionary<string, ParamSpec>? declared = null)
    {
        var (values, errors) = ParamResolver.FromJson(declared ?? Declared, Json(json));
        errors.ShouldBeEmpty(string.Join("\n", errors));
        return values.ShouldNotBeNull();
    }

    private static SpecError ShouldReject(string json, IReadOnlyDictionary<string, ParamSpec>? declared = null)
    {
        var (values, errors) = ParamResolver.FromJson(declared ?? Declared, Json(json));
        values.ShouldBeNull();
        errors.Count.ShouldBe(1, string.Join("\n", errors));
        return errors[0];
    }

    public class FromJson
    {
        [Fact]
        public void Given_values_are_typed_by_their_declarations()
        {
            var values = ShouldResolve("""{"date": "2024-05-01", "region": "us", "shards": 4, "ratio": 0.5, "dry": false}""");

            values.ShouldBe(new Dictionary<string, ParamValue>
            {
                ["date"] = new ParamValue.Text("2024-05-01"),
                ["region"] = new ParamValue.Text("us"),
                ["shards"] = new ParamValue.Integer(4),
                ["ratio"] = new ParamValue.Number(0.5),
                ["dry"] = new ParamValue.Boolean(false),
            }, ignoreOrder: true);
        }

        [Fact]
        public void Defaults_fill_params_that_are_not_given() =>
            ShouldResolve("""{"date": "d"}""")["region"].ShouldBe(new ParamValue.Text("eu"));

        [Fact]
        public void Optional_params_without_a_default_stay_absent() =>
            ShouldResolve("""{"date": "d"}""").Keys.Order(StringComparer.Ordinal).ShouldBe(["date", "region"]);

        [Fact]
        public void A_number_param_accepts_a_whole_json_number() =>
            ShouldResolve("""{"date": "d", "ratio": 3}""")["ratio"].ShouldBe(new ParamValue.Number(3));

        [Fact]
        public void No_declarations_and_no_values_resolve_to_nothing()
        {
            var (values, errors) = ParamResolver.FromJson(new Dictionary<string, ParamSpec>(), null);

            errors.ShouldBeEmpty();
            values.ShouldNotBeNull().ShouldBeEmpty();
        }

        [Fact]
        public void A_missing_required_param_is_an_error_naming_its_type()
        {
            var error = ShouldReject("{}");

            error.ShouldBe(new SpecError("params.date", "is required (string)"));
        }

        [Fact]
        public void Null_counts_as_not_given_for_a_required_param() =>
            ShouldReject("""{"date": null}""").ShouldBe(new SpecError("params.date", "is required (string)"));

        [Fact]
        public void Null_counts_as_not_given_so_the_default_applies() =>
            ShouldResolve("""{"date": "d", "region": null}""")["region"].ShouldBe(new ParamValue.Text("eu"));

        [Fact]
        public void An_unknown_param_is_an_error_listing_the_declared_ones()
        {
            var error = ShouldReject("""{"date": "d", "regoin": "us"}""");

            error.Path.ShouldBe("params.regoin");
            error.Message.ShouldBe("unknown param (declared: date, dry, ratio, region, shards)");
        }

        [Fact]
        public void An_unknown_param_of_a_job_without_params_says_so() =>
            ShouldReject("""{"x": 1}""", new Dictionary<string, ParamSpec>())
                .ShouldBe(new SpecError("params.x", "unknown param (the job declares no params)"));

        [Fact]
        public void Names_are_case_sensitive() =>
            ShouldReject("""{"date": "d", "DRY": true}""").Path.ShouldBe("params.DRY");

        [Fact]
        public void An_unknown_name_is_escaped_in_the_error_path() =>
            ShouldReject("""{"date": "d", "a\nb": 1}""").Path.ShouldBe("params.a\\nb");

        [Theory]
        [InlineData("""{"date": 5}""", "params.date", "must be a string (JSON string), got number")]
        [InlineData("""{"date": ["d"]}""", "params.date", "must be a string (JSON string), got array")]
        [InlineData("""{"date": "d", "shards": 1.5}""", "params.shards", "must be an integer (JSON whole number), got number")]
        [InlineData("""{"date": "d", "shards": "4"}""", "params.shards", "must be an integer (JSON whole number), got string")]
        [InlineData("""{"date": "d", "shards": 1e30}""", "params.shards", "must be an integer (JSON whole number), got number")]
        [InlineData("""{"date": "d", "ratio": "0.5"}""", "params.ratio", "must be a number (JSON number), got string")]
        [InlineData("""{"date": "d", "ratio": 1e400}""", "params.ratio", "must be a number (JSON number), got number")]
        [InlineData("""{"date": "d", "dry": "true"}""", "params.dry", "must be a boolean (JSON true or false), got string")]
        [InlineData("""{"date": "d", "dry": 1}""", "params.dry", "must be a boolean (JSON true or false), got number")]
        public void A_value_of_the_wrong_json_type_is_rejected(string json, string path, string message) =>
            ShouldReject(json).ShouldBe(new SpecError(path, message));

        [Fact]
        public void A_value_outside_the_enum_is_rejected_listing_the_choices() =>
            ShouldReject("""{"date": "d", "region": "apac"}""")
                .ShouldBe(new SpecError("params.region", "`apac` is not one of: eu, us"));

        [Fact]
        public void An_integer_enum_compares_typed_values()
        {
            var declared = Declare("{level: {type: integer, enum: [1, 2]}}");

            ShouldResolve("""{"level": 2}""", declared)["level"].ShouldBe(new ParamValue.Integer(2));
            ShouldReject("""{"level": 3}""", declared).Message.ShouldBe("`3` is not one of: 1, 2");
        }

        [Fact]
        public void A_value_at_the_size_limit_is_accepted() =>
            ShouldResolve(JsonSerializer.Serialize(new { date = new string('x', ParamResolver.MaxValueBytes) }))["date"]
                .ToText().Length.ShouldBe(ParamResolver.MaxValueBytes);

        [Fact]
        public void A_value_over_the_size_limit_is_rejected() =>
            ShouldReject(JsonSerializer.Serialize(new { date = new string('x', ParamResolver.MaxValueBytes + 1) }))
                .ShouldBe(new SpecError("params.date", $"is longer than {ParamResolver.MaxValueBytes} bytes"));

        [Fact]
        public void The_size_limit_counts_utf8_bytes_not_characters()
        {
            // Two bytes per character: half the limit in characters plus one is already too long.
            var text = new string('é', ParamResolver.MaxValueBytes / 2 + 1);

            ShouldReject(JsonSerializer.Serialize(new { date = text })).Path.ShouldBe("params.date");
        }

        [Fact]
        public void Every_error_is_reported_at_once_sorted_by_path()
        {
            var (values, errors) = ParamResolver.FromJson(Declared, Json("""{"zone": "x", "shards": "4", "dry": "no", "region": "apac"}"""));

            values.ShouldBeNull();
            errors.Select(e => e.Path).ShouldBe(["params.date", "params.dry", "params.region", "params.shards", "params.zone"]);
        }
    }

    public class FromText
    {
        private static (IReadOnlyDictionary<string, ParamValue>? Values, IReadOnlyList<SpecError> Errors) Resolve(params (string Name, string? Value)[] given) =>
            ParamResolver.FromText(Declared, given.ToDictionary(g => g.Name, g => g.Value!));

        [Fact]
        public void Text_is_typed_by_the_declarations()
        {
            var (values, errors) = Resolve(("date", "d"), ("shards", "-4"), ("ratio", "1e3"), ("dry", "true"));

            errors.ShouldBeEmpty();
            values!["shards"].ShouldBe(new ParamValue.Integer(-4));
            values["ratio"].ShouldBe(new ParamValue.Number(1000));
            values["dry"].ShouldBe(new ParamValue.Boolean(true));
            values["region"].ShouldBe(new ParamValue.Text("eu"));
        }

        [Fact]
        public void Numeric_looking_text_stays_text_for_a_string_param() =>
            Resolve(("date", "20240501")).Values!["date"].ShouldBe(new ParamValue.Text("20240501"));

        [Theory]
        [InlineData("shards", "4.5", "`4.5` is not an integer")]
        [InlineData("shards", " 4", "` 4` is not an integer")]
        [InlineData("ratio", "NaN", "`NaN` is not a number")]
        [InlineData("ratio", "1e400", "`1e400` is not a number")]
        [InlineData("dry", "True", "`True` is not a boolean")]
        [InlineData("dry", "yes", "`yes` is not a boolean")]
        public void Text_that_is_not_a_value_of_the_type_is_rejected(string name, string text, string message)
        {
            var (values, errors) = Resolve(("date", "d"), (name, text));

            values.ShouldBeNull();
            errors.ShouldBe([new SpecError($"params.{name}", message)]);
        }

        [Fact]
        public void Unknown_names_required_params_and_enums_are_checked_as_for_json()
        {
            var (_, errors) = Resolve(("region", "apac"), ("extra", "1"));

            errors.ShouldBe([
                new SpecError("params.date", "is required (string)"),
                new SpecError("params.extra", "unknown param (declared: date, dry, ratio, region, shards)"),
                new SpecError("params.region", "`apac` is not one of: eu, us"),
            ]);
        }

        [Fact]
        public void A_null_text_counts_as_not_given() =>
            Resolve(("date", "d"), ("region", null)).Values!["region"].ShouldBe(new ParamValue.Text("eu"));

        [Fact]
        public void An_empty_text_is_a_given_empty_string() =>
            Resolve(("date", "")).Values!["date"].ShouldBe(new ParamValue.Text(""));
    }

    public class ToJsonObject
    {
        [Fact]
        public void Values_keep_their_json_types_in_name_order()
        {
            var json = ParamResolver.ToJsonObject(new Dictionary<string, ParamValue>
            {
                ["s"] = new ParamValue.Text("x"),
                ["i"] = new ParamValue.Integer(3),
                ["n"] = new ParamValue.Number(0.5),
                ["b"] = new ParamValue.Boolean(true),
            });

            JsonSerializer.Serialize(json).ShouldBe("""{"b":true,"i":3,"n":0.5,"s":"x"}""");
        }

        [Fact]
        public void Stored_params_resolve_back_to_the_same_values()
        {
            // Runs store ToJsonObject's output and re-read it with FromJson when they progress.
            var original = ShouldResolve("""{"date": "d", "shards": 4, "ratio": 2, "dry": true}""");

            ShouldResolve(JsonSerializer.Serialize(ParamResolver.ToJsonObject(original))).ShouldBe(original, ignoreOrder: true);
        }
    }
}
