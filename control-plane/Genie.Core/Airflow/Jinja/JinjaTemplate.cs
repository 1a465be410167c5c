using System.Buffers;
using System.Text;

namespace Genie.Core.Airflow.Jinja;

/// <summary>
/// Builds the text of a templated operator field (Airflow renders those with Jinja at run time) from
/// literal text, which must come out verbatim, and Genie's own expressions.
/// <para>
/// Literal text is made inert: every <c>{</c> becomes <c>{{ '{' }}</c>, so no <c>{{</c>, <c>{%</c> or
/// <c>{#</c> can start in it (Airflow enables no line statements); a carriage return becomes an
/// expression because Jinja rewrites raw ones to <c>\n</c>; and a final newline becomes an expression
/// because Jinja drops the last newline of a template. For <see cref="TextDestination.Container"/> text
/// every <c>$</c> is doubled first, since Kubernetes reads <c>$(VAR)</c> and <c>$$</c> in a container's
/// command, args and env values, and Genie's expressions double the <c>$</c> in what they print too.
/// </para>
/// </summary>
internal sealed class JinjaTemplate(TextDestination destination)
{
    private const string KubernetesDollarEscape = " | replace('$', '$$')";

    // The characters Literal changes, per destination; most text has none and is its own template.
    private static readonly SearchValues<char> PlainSpecial = SearchValues.Create("{\r");
    private static readonly SearchValues<char> ContainerSpecial = SearchValues.Create("{\r$");

    private readonly StringBuilder _source = new();

    /// <summary>A template that prints <paramref name="text"/> exactly.</summary>
    public static string Verbatim(string text, TextDestination destination) =>
        text.AsSpan().ContainsAny(destination == TextDestination.Container ? ContainerSpecial : PlainSpecial) || text.EndsWith('\n')
            ? new JinjaTemplate(destination).Literal(text).Build()
            : text;

    /// <summary>Appends text that must render exactly as given.</summary>
    public JinjaTemplate Literal(string text)
    {
        foreach (var c in text)
        {
            switch (c)
            {
                case '{':
                    _source.Append("{{ '{' }}");
                    break;
                case '\r':
                    _source.Append("{{ '\\r' }}");
                    break;
                case '$' when destination == TextDestination.Container:
                    _source.Append("$$");
                    break;
                default:
                    _source.Append(c);
                    break;
            }
        }

        return this;
    }

    /// <summary>Appends a Genie-written Jinja expression whose value is printed.</summary>
    public JinjaTemplate Expression(string expression)
    {
        _source.Append("{{ ").Append(expression)
            .Append(destination == TextDestination.Container ? KubernetesDollarEscape : "")
            .Append(" }}");
        return this;
    }

    /// <summary>The template text.</summary>
    public string Build()
    {
        // Only literal text can end in a newline: expressions end in "}}".
        var text = _source.ToString();
        return text.EndsWith('\n') ? text[..^1] + "{{ '\\n' }}" : text;
    }
}

/// <summary>Where rendered text ends up, which decides what else besides Jinja reads it.</summary>
internal enum TextDestination
{
    /// <summary>Used as rendered (image, conf values, labels, annotations).</summary>
    Plain,

    /// <summary>A container's command, args or env value, where Kubernetes expands <c>$(VAR)</c>.</summary>
    Container,
}
