using System.Text.Json;
using Genie.Portal.Jobs;

namespace Genie.Portal.Tests.Components;

/// <summary>What the trigger form sends for what was typed, by the param's declared type.</summary>
public sealed class ParamFieldTests
{
    [Theory]
    [InlineData("integer", "42", "42")]
    [InlineData("number", "2.5", "2.5")]
    [InlineData("boolean", "true", "true")]
    [InlineData("string", "42", "\"42\"")]
    public void Typed_text_becomes_the_JSON_value_of_its_type(string type, string text, string json)
    {
        var (value, error) = new ParamField("p", type, false, null, [], null).Convert(text);

        error.ShouldBeNull();
        value!.Value.GetRawText().ShouldBe(json);
    }

    [Fact]
    public void Empty_optional_fields_are_left_out_so_the_server_applies_the_default()
    {
        var fields = new[] { new ParamField("region", "string", true, "eu", ["eu", "us"], null) };

        var (values, errors) = TriggerValues.Build(fields, new Dictionary<string, string?> { ["region"] = "" });

        errors.ShouldBeEmpty();
        values.ShouldBeEmpty();
    }

    [Fact]
    public void A_value_outside_the_enum_is_refused()
    {
        var (_, error) = new ParamField("region", "string", false, null, ["eu", "us"], null).Convert("mars");

        error.ShouldBe("must be one of eu, us");
    }

    [Fact]
    public void Fields_come_from_the_definitions_params()
    {
        var definition = JsonDocument.Parse("""{"spec": {"params": {"n": {"type": "integer", "default": 3, "required": false}}}}""").RootElement;

        ParamField.FromDefinition(definition).ShouldBe([new ParamField("n", "integer", false, "3", [], null)], ignoreOrder: false);
    }
}
