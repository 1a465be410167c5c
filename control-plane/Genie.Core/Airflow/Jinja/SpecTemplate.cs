using Genie.Core.Specs;

namespace Genie.Core.Airflow.Jinja;

/// <summary>
/// Turns a spec string that may hold <c>${{ params.NAME }}</c> placeholders into a Jinja template that
/// renders what <see cref="ParamReference.Substitute"/> would give: the text between placeholders
/// verbatim (with <c>$${{</c> read as a literal <c>${{</c>) and each placeholder as the param's text.
/// </summary>
internal static class SpecTemplate
{
    private const string Escaped = "$${{";
    private const string Open = "${{";

    /// <summary>The template for <paramref name="text"/>.</summary>
    public static string Render(string text, ParamExpressions parameters, TextDestination destination)
    {
        // Without `${{` there is neither a placeholder nor an escaped one.
        if (!ParamReference.ContainsPlaceholderSyntax(text))
        {
            return JinjaTemplate.Verbatim(text, destination);
        }

        var template = new JinjaTemplate(destination);
        var next = 0;
        foreach (var reference in ParamReference.Scan(text).References)
        {
            template.Literal(Unescape(text[next..reference.Index])).Expression(parameters.Text(reference.Name));
            next = reference.Index + reference.Length;
        }

        return template.Literal(Unescape(text[next..])).Build();
    }

    // Between placeholders the only spec syntax left is the escape; both scans go left to right, so
    // replacing here finds the same escapes Substitute does.
    private static string Unescape(string literal) => literal.Replace(Escaped, Open, StringComparison.Ordinal);
}
