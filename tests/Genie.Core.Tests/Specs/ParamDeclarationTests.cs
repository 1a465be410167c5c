using Genie.Core.Specs;
using static Genie.Core.Tests.Specs.SpecAssertions;
using static Genie.Core.Tests.Specs.SpecDocuments;

namespace Genie.Core.Tests.Specs;

public class ParamDeclarationTests
{
    private static IReadOnlyDictionary<string, ParamSpec> Params(string declarations) =>
        ShouldParse(WithTask("command: [echo]", "params: " + declarations)).Spec.Params;

    [Fact]
    public void Every_type_binds_its_default_and_enum()
    {
        var p = Params("{s: {default: '1'}, i: {type: integer, default: -3, enum: [-3, 4]}, n: {type: number, default: 2.5}, b: {type: boolean, default: true}, bare: ~}");

        p["s"].ShouldBe(new ParamSpec(ParamType.String, false, new ParamValue.Text("1"), p["s"].Enum, null));
        p["i"].Default.ShouldBe(new ParamValue.Integer(-3));
        p["i"].Enum.ShouldBe([new ParamValue.Integer(-3), new ParamValue.Integer(4)]);
        p["n"].Default.ShouldBe(new ParamValue.Number(2.5));
        p["b"].Default.ShouldBe(new ParamValue.Boolean(true));
        p["bare"].Type.ShouldBe(ParamType.String);
        p["bare"].Default.ShouldBeNull();
    }

    [Fact]
    public void Integers_are_numbers_too() =>
        Params("{n: {type: number, default: 3, enum: [3, 4.5]}}")["n"].Default.ShouldBe(new ParamValue.Number(3));

    [Fact]
    public void Descriptions_and_required_bind() =>
        Params("{date: {required: true, description: Day to load}}")["date"]
            .ShouldBe(new ParamSpec(ParamType.String, true, null, [], "Day to load"), new ParamComparer());

    [Theory]
    [InlineData("{9lives: {}}", "spec.params[\"9lives\"]", "`9lives` is not a param name")]
    [InlineData("{my-param: {}}", "spec.params.my-param", "`my-param` is not a param name")]
    [InlineData("{date: {}, Date: {}}", "spec.params.Date", "param `Date` clashes with `date`: both become GENIE_PARAM_DATE, so names must differ by more than case")]
    [InlineData("{d: {type: date}}", "spec.params.d.type", "`date` is not one of string, integer, number, boolean")]
    [InlineData("{d: {type: String}}", "spec.params.d.type", "(did you mean `string`?)")]
    [InlineData("{d: {required: yes}}", "spec.params.d.required", "must be true or false, got `yes`")]
    [InlineData("{d: {required: true, default: x}}", "spec.params.d.default", "a required param cannot have a default")]
    [InlineData("{d: {type: integer, default: '5'}}", "spec.params.d.default", "must be an integer, got a string (remove the quotes)")]
    [InlineData("{d: {type: integer, default: 1.5}}", "spec.params.d.default", "must be an integer, got `1.5`")]
    [InlineData("{d: {type: number, default: abc}}", "spec.params.d.default", "must be a number, got `abc`")]
    [InlineData("{d: {type: number, default: .inf}}", "spec.params.d.default", "must be a number, got `.inf`")]
    [InlineData("{d: {type: boolean, default: yes}}", "spec.params.d.default", "must be true or false, got `yes`")]
    [InlineData("{d: {type: boolean, default: True}}", "spec.params.d.default", "must be true or false, got `True`")]
    [InlineData("{d: {default: [a]}}", "spec.params.d.default", "must be a string, got a list")]
    [InlineData("{d: {default: x, enum: [a, b]}}", "spec.params.d.default", "`x` is not one of a, b (the param's enum)")]
    [InlineData("{d: {enum: []}}", "spec.params.d.enum", "must list at least one value")]
    [InlineData("{d: {enum: a}}", "spec.params.d.enum", "must be a list of string values, got `a`")]
    [InlineData("{d: {enum: [a, a]}}", "spec.params.d.enum[1]", "`a` is listed twice")]
    [InlineData("{d: {type: integer, enum: [1, two]}}", "spec.params.d.enum[1]", "must be an integer, got `two`")]
    [InlineData("{d: {type: number, enum: [1, 1.0]}}", "spec.params.d.enum[1]", "`1` is listed twice")]
    [InlineData("{d: {enum: [a, ~]}}", "spec.params.d.enum[1]", "must not be null")]
    [InlineData("{d: {defualt: x}}", "spec.params.d.defualt", "unknown field `defualt` (did you mean `default`?)")]
    [InlineData("{d: text}", "spec.params.d", "must be a mapping, got `text`")]
    public void Invalid_declarations_are_reported_at_their_path(string declarations, string path, string fragment) =>
        ShouldFailOnlyAt(WithTask("command: [echo]", "params: " + declarations), path, fragment);

    [Fact]
    public void Too_many_params_are_rejected()
    {
        var declarations = string.Join(", ", Enumerable.Range(0, 101).Select(i => $"p{i}: ~"));

        ShouldFailOnlyAt(WithTask("command: [echo]", $"params: {{{declarations}}}"), "spec.params", "declares 101 params; at most 100 are allowed");
    }

    [Fact]
    public void Conditions_bind_with_typed_values()
    {
        var when = ShouldParse(WithTask(
            "command: [echo]\nwhen: [{param: region, equals: eu}, {param: n, in: [1, 2]}, {param: dry, notEquals: true}]",
            "params: {region: {enum: [eu, us]}, n: {type: integer}, dry: {type: boolean}}")).Spec.Tasks[0].When;

        when[0].Operator.ShouldBe(ConditionOperator.Equals);
        when[0].Values.ShouldBe([new ParamValue.Text("eu")]);
        when[1].Operator.ShouldBe(ConditionOperator.In);
        when[1].Values.ShouldBe([new ParamValue.Integer(1), new ParamValue.Integer(2)]);
        when[2].Operator.ShouldBe(ConditionOperator.NotEquals);
        when[2].Values.ShouldBe([new ParamValue.Boolean(true)]);
    }

    [Fact]
    public void Conditions_evaluate_against_actual_values()
    {
        var equals = new TaskCondition("r", ConditionOperator.Equals, [new ParamValue.Text("eu")]);
        var notEquals = new TaskCondition("r", ConditionOperator.NotEquals, [new ParamValue.Text("eu")]);
        var within = new TaskCondition("n", ConditionOperator.In, [new ParamValue.Integer(1), new ParamValue.Integer(2)]);

        equals.IsSatisfiedBy(new ParamValue.Text("eu")).ShouldBeTrue();
        equals.IsSatisfiedBy(new ParamValue.Text("us")).ShouldBeFalse();
        equals.IsSatisfiedBy(null).ShouldBeFalse();
        notEquals.IsSatisfiedBy(new ParamValue.Text("us")).ShouldBeTrue();
        notEquals.IsSatisfiedBy(null).ShouldBeTrue();
        within.IsSatisfiedBy(new ParamValue.Integer(2)).ShouldBeTrue();
        within.IsSatisfiedBy(new ParamValue.Integer(3)).ShouldBeFalse();
    }

    [Theory]
    [InlineData("when: [{param: regoin, equals: eu}]", "spec.tasks[0].when[0].param", "param `regoin` is not declared in spec.params (did you mean `region`?)")]
    [InlineData("when: [{equals: eu}]", "spec.tasks[0].when[0].param", "is required")]
    [InlineData("when: [{param: region}]", "spec.tasks[0].when[0]", "a condition needs one of `equals`, `notEquals` or `in`")]
    [InlineData("when: [{param: region, equals: eu, in: [us]}]", "spec.tasks[0].when[0].in", "`equals` and `in` cannot both be set: one operator per condition")]
    [InlineData("when: [{param: region, equals: xx}]", "spec.tasks[0].when[0].equals", "`xx` is never a value of param `region`, which is one of eu, us")]
    [InlineData("when: [{param: region, in: [eu, xx]}]", "spec.tasks[0].when[0].in", "`xx` is never a value of param `region`")]
    [InlineData("when: [{param: region, in: []}]", "spec.tasks[0].when[0].in", "must list at least one value")]
    [InlineData("when: [{param: region, in: eu}]", "spec.tasks[0].when[0].in", "must be a list of string values, got `eu`")]
    [InlineData("when: [{param: n, equals: '3'}]", "spec.tasks[0].when[0].equals", "must be an integer, got a string (remove the quotes)")]
    [InlineData("when: [{param: region, equals: eu, op: x}]", "spec.tasks[0].when[0].op", "unknown field `op`")]
    [InlineData("when: {param: region, equals: eu}", "spec.tasks[0].when", "must be a list of conditions, got a mapping")]
    [InlineData("when: [~]", "spec.tasks[0].when[0]", "is required")]
    public void Invalid_conditions_are_reported_at_their_path(string when, string path, string fragment) =>
        ShouldFailOnlyAt(WithTask("command: [echo]\n" + when, "params: {region: {enum: [eu, us]}, n: {type: integer}}"), path, fragment);

    [Fact]
    public void Param_values_parse_from_text_by_type()
    {
        ParamValue.TryParse(ParamType.Integer, "42", out var i).ShouldBeTrue();
        i.ShouldBe(new ParamValue.Integer(42));
        ParamValue.TryParse(ParamType.Number, "1e3", out var n).ShouldBeTrue();
        n.ShouldBe(new ParamValue.Number(1000));
        ParamValue.TryParse(ParamType.Boolean, "false", out var b).ShouldBeTrue();
        b.ShouldBe(new ParamValue.Boolean(false));
        ParamValue.TryParse(ParamType.String, "", out var s).ShouldBeTrue();
        s.ShouldBe(new ParamValue.Text(""));
        ParamValue.TryParse(ParamType.Integer, "4.5", out _).ShouldBeFalse();
        ParamValue.TryParse(ParamType.Number, "NaN", out _).ShouldBeFalse();
        ParamValue.TryParse(ParamType.Boolean, "yes", out _).ShouldBeFalse();
    }

    [Fact]
    public void Param_values_render_as_environment_text()
    {
        new ParamValue.Number(0.1).ToText().ShouldBe("0.1");
        new ParamValue.Number(1e21).ToText().ShouldBe("1E+21");
        new ParamValue.Integer(-7).ToString().ShouldBe("-7");
        new ParamValue.Boolean(true).ToText().ShouldBe("true");
        ParamSpec.EnvironmentVariable("date_from").ShouldBe("GENIE_PARAM_DATE_FROM");
    }

    private sealed class ParamComparer : IEqualityComparer<ParamSpec>
    {
        public bool Equals(ParamSpec? x, ParamSpec? y) =>
            x is not null && y is not null && x.Type == y.Type && x.Required == y.Required && Equals(x.Default, y.Default)
            && x.Enum.SequenceEqual(y.Enum) && x.Description == y.Description;

        public int GetHashCode(ParamSpec obj) => obj.Type.GetHashCode();
    }
}
