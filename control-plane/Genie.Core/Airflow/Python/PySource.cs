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

    private const int Indent = 4;

    /// <summary>The expression on one line.</summary>
    public static string Inline(PyExpr expr)
    {
        using var text = new SourceText();
        new Layout(text).Inline(expr, int.MaxValue);
        return text.ToString();
    }

    /// <summary>
    /// The expression placed at <paramref name="depth"/> levels of indentation after
    /// <paramref name="column"/> characters already written on its first line.
    /// </summary>
    public static string Render(PyExpr expr, int depth, int column)
    {
        using var text = new SourceText();
        Render(expr, depth, column, text);
        return text.ToString();
    }

    /// <summary>Appends <see cref="Render(PyExpr, int, int)"/>'s text to <paramref name="text"/>.</summary>
    public static void Render(PyExpr expr, int depth, int column, SourceText text) => new Layout(text).Render(expr, depth, column);

    /// <summary>
    /// One layout pass over <see cref="SourceText"/>. A display is written on one line straight into the text and
    /// taken back as soon as it passes the room left (the room is at most a line, so trying costs little); that
    /// way a subtree that fits is written once, and asking "does it fit?" at every nesting level costs no copies.
    /// </summary>
    private readonly struct Layout(SourceText text)
    {
        public void Render(PyExpr expr, int depth, int column)
        {
            if (expr is PyCall call)
            {
                Call(call, depth, column);
                return;
            }

            var start = text.Length;
            if (Inline(expr, start + Width - depth * Indent - column))
            {
                return;
            }

            text.Truncate(start);
            switch (expr)
            {
                case PyList { Items.Count: > 0 } list:
                    Lines('[', list, ']', depth);
                    break;
                case PyDict { Entries.Count: > 0 } dict:
                    Lines('{', dict, '}', depth);
                    break;
                case PyAttribute attribute:
                    Render(attribute.Target, depth, column);
                    text.Append('.').Append(attribute.Name);
                    break;
                default:
                    Inline(expr, int.MaxValue);
                    break;
            }
        }

        /// <summary>Writes the expression on one line; false as soon as the text passes <paramref name="limit"/> characters.</summary>
        public bool Inline(PyExpr expr, int limit)
        {
            switch (expr)
            {
                // An escape only ever lengthens a string, so a long one is known not to fit before it is written.
                case PyLiteral { Value: string value } when text.Length + value.Length + 2 > limit:
                    return false;
                case PyLiteral literal:
                    PythonLiteral.Scalar(literal.Value, text);
                    break;
                case PyName name:
                    text.Append(name.Identifier);
                    break;
                case PyAttribute attribute:
                    if (!Inline(attribute.Target, limit))
                    {
                        return false;
                    }

                    text.Append('.').Append(attribute.Name);
                    break;
                case PyList list:
                    text.Append('[');
                    for (var i = 0; i < list.Items.Count; i++)
                    {
                        if (!Separator(i, limit) || !Inline(list.Items[i], limit))
                        {
                            return false;
                        }
                    }

                    text.Append(']');
                    break;
                case PyDict dict:
                    text.Append('{');
                    for (var i = 0; i < dict.Entries.Count; i++)
                    {
                        if (!Separator(i, limit))
                        {
                            return false;
                        }

                        PythonLiteral.Str(dict.Entries[i].Key, text);
                        text.Append(": ");
                        if (!Inline(dict.Entries[i].Value, limit))
                        {
                            return false;
                        }
                    }

                    text.Append('}');
                    break;
                case PyCall call:
                    return Inline(call.Function, limit) && Arguments(call, limit);
                default:
                    throw new ArgumentException($"unknown expression {expr.GetType().Name}", nameof(expr));
            }

            return text.Length <= limit;
        }

        private bool Separator(int index, int limit)
        {
            if (index > 0)
            {
                text.Append(", ");
            }

            return text.Length <= limit;
        }

        private bool Arguments(PyCall call, int limit)
        {
            text.Append('(');
            var index = 0;
            foreach (var argument in call.Arguments)
            {
                if (!Separator(index++, limit) || !Inline(argument, limit))
                {
                    return false;
                }
            }

            foreach (var keyword in call.Keywords)
            {
                if (!Separator(index++, limit))
                {
                    return false;
                }

                text.Append(keyword.Name).Append('=');
                if (!Inline(keyword.Value, limit))
                {
                    return false;
                }
            }

            return text.Append(')').Length <= limit;
        }

        // The arguments stay where the function's text ends when they fit there, which keeps
        // `.expand(name=[...])` after a broken `.partial(...)` on one line.
        private void Call(PyCall call, int depth, int column)
        {
            var start = text.Length;
            Render(call.Function, depth, column);
            if (call.Arguments.Count == 0 && call.Keywords.Count == 0)
            {
                text.Append("()");
                return;
            }

            var lineStart = text.Span[start..].LastIndexOf('\n');
            var end = lineStart < 0 ? depth * Indent + column + text.Length - start : text.Length - start - lineStart - 1;
            var head = text.Length;
            if (!call.Vertical && Arguments(call, head + Width - end))
            {
                return;
            }

            text.Truncate(head);
            Lines('(', call, ')', depth);
        }

        private void Lines(char open, PyExpr container, char close, int depth)
        {
            text.Append(open).Append('\n');
            var inner = depth + 1;
            switch (container)
            {
                case PyList list:
                    foreach (var item in list.Items)
                    {
                        Indentation(inner);
                        Line(item, inner, 0);
                    }

                    break;
                case PyDict dict:
                    foreach (var (key, value) in dict.Entries)
                    {
                        var labelStart = Indentation(inner);
                        PythonLiteral.Str(key, text);
                        text.Append(": ");
                        Line(value, inner, text.Length - labelStart);
                    }

                    break;
                case PyCall call:
                    foreach (var argument in call.Arguments)
                    {
                        Indentation(inner);
                        Line(argument, inner, 0);
                    }

                    foreach (var keyword in call.Keywords)
                    {
                        Indentation(inner);
                        text.Append(keyword.Name).Append('=');
                        Line(keyword.Value, inner, keyword.Name.Length + 1);
                    }

                    break;
            }

            Indentation(depth);
            text.Append(close);
        }

        // One element of a broken display, after its indentation and a label of the given width (key or keyword).
        private void Line(PyExpr value, int depth, int label)
        {
            Render(value, depth, label);
            text.Append(",\n");
        }

        /// <summary>Indents a line and returns where its content starts.</summary>
        private int Indentation(int depth)
        {
            text.Append(' ', depth * Indent);
            return text.Length;
        }
    }
}
