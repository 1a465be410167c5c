using System.Text;

namespace Genie.Core.Specs.Parsing;

/// <summary>
/// Where a value sits in the document, rendered like <c>spec.tasks[2].dependsOn[0]</c>; keys that are not
/// simple words are bracketed and quoted (<c>metadata.labels["app.kubernetes.io/name"]</c>).
/// </summary>
internal sealed class SpecPath
{
    private readonly SpecPath? _parent;
    private readonly string? _property;
    private readonly int _index;

    private SpecPath(SpecPath? parent, string? property, int index)
    {
        _parent = parent;
        _property = property;
        _index = index;
    }

    /// <summary>The document itself.</summary>
    public static SpecPath Root { get; } = new(null, null, -1);

    /// <summary>The path of a mapping entry below this one.</summary>
    public SpecPath Property(string name) => new(this, name, -1);

    /// <summary>The path of a list item below this one.</summary>
    public SpecPath Item(int index) => new(this, null, index);

    /// <inheritdoc />
    public override string ToString()
    {
        var segments = new Stack<SpecPath>();
        for (var p = this; p._parent is not null; p = p._parent)
        {
            segments.Push(p);
        }

        var builder = new StringBuilder();
        foreach (var segment in segments)
        {
            if (segment._property is null)
            {
                builder.Append('[').Append(segment._index).Append(']');
            }
            else if (IsWord(segment._property))
            {
                builder.Append(builder.Length == 0 ? "" : ".").Append(segment._property);
            }
            else
            {
                AppendQuoted(builder, segment._property);
            }
        }

        return builder.ToString();
    }

    // JSON string syntax, so a key with dots, spaces or control characters stays unambiguous.
    private static void AppendQuoted(StringBuilder builder, string key)
    {
        const int maxLength = 80;
        builder.Append("[\"");
        foreach (var c in key.Length > maxLength ? key[..maxLength] : key)
        {
            builder.Append(c switch
            {
                '\\' => "\\\\",
                '"' => "\\\"",
                _ when char.IsControl(c) => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }

        builder.Append(key.Length > maxLength ? "…\"]" : "\"]");
    }

    private static bool IsWord(string name) =>
        name.Length is > 0 and <= 80
        && (char.IsAsciiLetter(name[0]) || name[0] == '_')
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
}
