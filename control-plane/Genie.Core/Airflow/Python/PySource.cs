using System.Text;

namespace Genie.Core.Airflow.Python;

/// <summary>
/// Lays <see cref="PyExpr"/> trees out as Python source: on one line when that fits in
/// <see cref="Width"/> columns, otherwise one element per line with four-space indentation and trailing
/// commas. The layout depends only on the tree, so equal trees always give equal text.
/// </summary>
internal static class PySource
{
    /// <summary>The column limit that decides when a display or call is broken over lines.</summary>
    public const int Width = 100;

    private const string Indent = "    ";

    /// <summary>The expression on one line.</summary>
    public static string Inline(PyExpr expr) => expr switch
    {
        PyLiteral literal => PythonLiteral.Scalar(literal.Value),
        PyName name => name.Identifier,
        PyAttribute attribute => Inline(attribute.Target) + "." + attribute.Name,
        PyList list => "[" + string.Join(", ", list.Items.Select(Inline)) + "]",
        PyDict dict => "{" + string.Join(", ", dict.Entries.Select(e => PythonLiteral.Str(e.Key) + ": " + Inline(e.Value))) + "}",
        PyCall call => Inline(call.Function) + InlineArguments(call),
        _ => throw new ArgumentException($"unknown expression {expr.GetType().Name}", nameof(expr)),
    };

    /// <summary>
    /// The expression placed at <paramref name="depth"/> levels of indentation after
    /// <paramref name="column"/> characters already written on its first line.
    /// </summary>
    public static string Render(PyExpr expr, int depth, int column)
    {
        if (expr is PyCall call)
        {
            return Call(call, depth, column);
        }

        var inline = Inline(expr);
        if (depth * Indent.Length + column + inline.Length <= Width)
        {
            return inline;
        }

        return expr switch
        {
            PyList { Items.Count: > 0 } list => Lines("[", list.Items.Select(i => ("", i)), "]", depth),
            PyDict { Entries.Count: > 0 } dict => Lines("{", dict.Entries.Select(e => (PythonLiteral.Str(e.Key) + ": ", e.Value)), "}", depth),
            PyAttribute attribute => Render(attribute.Target, depth, column) + "." + attribute.Name,
            _ => inline,
        };
    }

    // The arguments stay where the function's text ends when they fit there, which keeps
    // `.expand(name=[...])` after a broken `.partial(...)` on one line.
    private static string Call(PyCall call, int depth, int column)
    {
        var head = Render(call.Function, depth, column);
        var arguments = Arguments(call).ToList();
        var inline = InlineArguments(call);
        var lastBreak = head.LastIndexOf('\n');
        var end = lastBreak < 0 ? depth * Indent.Length + column + head.Length : head.Length - lastBreak - 1;
        return arguments.Count == 0 || (!call.Vertical && end + inline.Length <= Width)
            ? head + inline
            : head + Lines("(", arguments, ")", depth);
    }

    private static string InlineArguments(PyCall call) =>
        "(" + string.Join(", ", Arguments(call).Select(a => a.Label + Inline(a.Value))) + ")";

    private static string Lines(string open, IEnumerable<(string Label, PyExpr Value)> items, string close, int depth)
    {
        var builder = new StringBuilder(open).Append('\n');
        var inner = string.Concat(Enumerable.Repeat(Indent, depth + 1));
        foreach (var (label, value) in items)
        {
            builder.Append(inner).Append(label).Append(Render(value, depth + 1, label.Length)).Append(",\n");
        }

        return builder.Append(string.Concat(Enumerable.Repeat(Indent, depth))).Append(close).ToString();
    }

    private static IEnumerable<(string Label, PyExpr Value)> Arguments(PyCall call) =>
        call.Arguments.Select(a => ("", a)).Concat(call.Keywords.Select(k => (k.Name + "=", k.Value)));
}
