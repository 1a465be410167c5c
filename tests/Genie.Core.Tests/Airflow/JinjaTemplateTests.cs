using Genie.Core.Airflow.Jinja;
using Genie.Core.Specs;

namespace Genie.Core.Tests.Airflow;

/// <summary>Text in templated fields renders verbatim; only Genie's expressions are Jinja.</summary>
public class JinjaTemplateTests
{
    private static readonly ParamExpressions Params = new(new Dictionary<string, ParamSpec>
    {
        ["s"] = new(ParamType.String, false, new ParamValue.Text("x"), [], null),
        ["maybe"] = new(ParamType.String, false, null, [], null),
        ["items"] = new(ParamType.String, true, null, [], null),
    });

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a{b", "a{{ '{' }}b")]
    [InlineData("{{ x }}", "{{ '{' }}{{ '{' }} x }}")]
    [InlineData("{% if %}", "{{ '{' }}% if %}")]
    [InlineData("a\r\nb", "a{{ '\\r' }}\nb")]
    [InlineData("line\n", "line{{ '\\n' }}")]
    [InlineData("}}", "}}")]
    public void Plain_text_is_made_inert(string text, string template) =>
        JinjaTemplate.Verbatim(text, TextDestination.Plain).ShouldBe(template);

    [Fact]
    public void Container_text_doubles_every_dollar() =>
        JinjaTemplate.Verbatim("$(HOME) $$ ${{", TextDestination.Container).ShouldBe("$$(HOME) $$$$ $${{ '{' }}{{ '{' }}");

    [Fact]
    public void Placeholders_become_subscripts_and_escapes_stay_literal()
    {
        SpecTemplate.Render("a ${{ params.s }} b $${{ params.s }} c", Params, TextDestination.Plain)
            .ShouldBe("a {{ params['s'] }} b ${{ '{' }}{{ '{' }} params.s }} c");
        SpecTemplate.Render("${{params.maybe}}", Params, TextDestination.Container)
            .ShouldBe("{{ (params['maybe'] if params['maybe'] is not none else '') | replace('$', '$$') }}");
    }

    [Fact]
    public void String_literals_escape_everything_that_could_end_them()
    {
        JinjaStringLiteral.Of("eu-west_1.a").ShouldBe("'eu-west_1.a'");
        JinjaStringLiteral.Of("it's {x}\n\\").ShouldBe("'it\\x27s \\x7bx\\x7d\\x0a\\x5c'");
        JinjaStringLiteral.Of("é😀\uD800").ShouldBe("'\\xe9\\U0001f600\\ud800'");
    }

    [Fact]
    public void Jinja_renders_hostile_text_verbatim()
    {
        var cases = new List<JinjaRenderer.Case>();
        var expected = new List<string>();
        var values = new Dictionary<string, string?> { ["s"] = "v$(HOME){{ x }}\n", ["maybe"] = null, ["items"] = "it" };
        foreach (var text in HostileStrings.SpecSafe)
        {
            foreach (var destination in new[] { TextDestination.Plain, TextDestination.Container })
            {
                cases.Add(new(JinjaTemplate.Verbatim(text, destination), values, destination == TextDestination.Container));
                expected.Add(text);
            }

            var withPlaceholders = text.Replace("${{", "$${{", StringComparison.Ordinal) + " ${{ params.s }}|${{ params.maybe }}|${{ params.items }}";
            cases.Add(new(SpecTemplate.Render(withPlaceholders, Params, TextDestination.Container), values, true));
            expected.Add(ParamReference.Substitute(withPlaceholders, name => values[name] ?? ""));
        }

        foreach (var text in HostileStrings.SpecSafe.Concat(HostileStrings.LiteralOnly))
        {
            cases.Add(new("{{ " + JinjaStringLiteral.Of(text) + " }}", values, false));
            expected.Add(text);
        }

        var rendered = JinjaRenderer.Render(cases);
        for (var i = 0; i < cases.Count; i++)
        {
            HostileStrings.CodePoints(rendered[i]).ShouldBe(HostileStrings.CodePoints(expected[i]), $"template `{cases[i].Template}`");
        }
    }
}
