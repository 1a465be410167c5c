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
    public static string Inline(PyExpr expr) => InlineWithin(expr, int.MaxValue)!;

    /// <summary>
    /// The expression on one line if that takes at most <paramref name="budget"/> characters, else null.
    /// Writing stops as soon as the budget is passed: layout asks this at every nesting level, and writing
    /// each subtree out in full there made compiling a DAG cost its size times its depth.
    /// </summary>
    private static string? InlineWithin(PyExpr expr, int budget)
    {
        var text = new StringBuilder();
        return Write(expr, text, budget) ? text.ToString() : null;
    }

    private static bool Write(PyExpr expr, StringBuilder text, int budget)
    {
        switch (expr)
        {
            case PyLiteral literal:
                text.Append(PythonLiteral.Scalar(literal.Value));
                break;
            case PyName name:
                text.Append(name.Identifier);
                break;
            case PyAttribute attribute:
                if (!Write(attribute.Target, text, budget))
                {
                    return false;
                }

                text.Append('.').Append(attribute.Name);
                break;
            case PyList list:
                return WriteAll(text, "[", list.Items.Select(i => ("", i)), "]", budget);
            case PyDict dict:
                return WriteAll(text, "{", dict.Entries.Select(e => (PythonLiteral.Str(e.Key) + ": ", e.Value)), "}", budget);
            case PyCall call:
                return Write(call.Function, text, budget) && WriteAll(text, "(", Arguments(call), ")", budget);
            default:
                throw new ArgumentException($"unknown expression {expr.GetType().Name}", nameof(expr));
        }

        return text.Length <= budget;
    }

    private static bool WriteAll(StringBuilder text, string open, IEnumerable<(string Label, PyExpr Value)> items, string close, int budget)
    {
        text.Append(open);
        var first = true;
        foreach (var (label, value) in items)
        {
            text.Append(first ? "" : ", ").Append(label);
            first = false;
            if (!Write(value, text, budget))
            {
                return false;
            }
        }

        return text.Append(close).Length <= budget;
    }

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

        if (InlineWithin(expr, Width - depth * Indent.Length - column) is { } inline)
        {
            return inline;
        }

        return expr switch
        {
            PyList { Items.Count: > 0 } list => Lines("[", list.Items.Select(i => ("", i)), "]", depth),
            PyDict { Entries.Count: > 0 } dict => Lines("{", dict.Entries.Select(e => (PythonLiteral.Str(e.Key) + ": ", e.Value)), "}", depth),
            PyAttribute attribute => Render(attribute.Target, depth, column) + "." + attribute.Name,
            _ => Inline(expr),
        };
    }

    // The arguments stay where the function's text ends when they fit there, which keeps
    // `.expand(name=[...])` after a broken `.partial(...)` on one line.
    private static string Call(PyCall call, int depth, int column)
    {
        var head = Render(call.Function, depth, column);
        var arguments = Arguments(call).ToList();
        if (arguments.Count == 0)
        {
            return head + "()";
        }

        var lastBreak = head.LastIndexOf('\n');
        var end = lastBreak < 0 ? depth * Indent.Length + column + head.Length : head.Length - lastBreak - 1;
        var inline = new StringBuilder();
        return !call.Vertical && WriteAll(inline, "(", arguments, ")", Width - end)
            ? head + inline
            : head + Lines("(", arguments, ")", depth);
    }

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
