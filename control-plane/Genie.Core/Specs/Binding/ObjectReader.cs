using Genie.Core.Specs.Parsing;

namespace Genie.Core.Specs.Binding;

/// <summary>
/// Gives access to the known fields of one mapping and reports every unknown key, with a spelling hint
/// or the list of fields this mapping accepts.
/// </summary>
internal sealed class ObjectReader
{
    private readonly MappingNode _node;

    public ObjectReader(MappingNode node, Field field, IReadOnlyList<string> knownFields, SpecErrorSink errors)
    {
        _node = node;
        Path = field.Path;
        Mark = node.Mark;
        foreach (var (key, _) in node.Entries)
        {
            if (!knownFields.Contains(key.Value, StringComparer.Ordinal))
            {
                var hint = NameSuggestion.Closest(key.Value, knownFields) is { } best
                    ? $" (did you mean `{best}`?)"
                    : $"; known fields: {string.Join(", ", knownFields)}";
                errors.Add(Path.Property(key.Value), key.Mark, $"unknown field `{QuotedText.Of(key.Value)}`{hint}");
            }
        }
    }

    /// <summary>The mapping's own path.</summary>
    public SpecPath Path { get; }

    /// <summary>The mapping's position.</summary>
    public SourceMark Mark { get; }

    /// <summary>The field stored under <paramref name="name"/>; absent when missing.</summary>
    public Field this[string name] => _node.Get(name) is { } value
        ? new Field(value, Path.Property(name), value.Mark)
        : new Field(null, Path.Property(name), Mark);

    /// <summary>Whether <paramref name="name"/> is present with a non-null value.</summary>
    public bool Has(string name) => !this[name].IsAbsent;

    /// <summary>This mapping as a field, for errors about the whole object.</summary>
    public Field Self => new(_node, Path, Mark);
}
