namespace Genie.Core.Specs.Parsing;

/// <summary>
/// A node of the format-neutral document tree both YAML and JSON are read into. YAML aliases share the
/// node they point to, so <see cref="Size"/> and <see cref="Height"/> measure the tree as if expanded.
/// </summary>
internal abstract class SpecNode(SourceMark mark)
{
    /// <summary>Where the node starts.</summary>
    public SourceMark Mark { get; } = mark;

    /// <summary>Number of nodes in this subtree, keys included, after alias expansion.</summary>
    public int Size { get; set; } = 1;

    /// <summary>Nesting levels below and including this node; 0 for scalars.</summary>
    public int Height { get; set; }

    /// <summary>How the node is described in "must be X, got Y" messages.</summary>
    public abstract string Description { get; }
}

/// <summary>
/// A scalar. <see cref="IsPlain"/> is true for unquoted YAML scalars and for JSON numbers, booleans and
/// null; only plain scalars can be numbers, booleans or null.
/// </summary>
internal sealed class ScalarNode(SourceMark mark, string value, bool isPlain) : SpecNode(mark)
{
    /// <summary>The scalar's text.</summary>
    public string Value { get; } = value;

    /// <summary>Whether the scalar was written without quotes.</summary>
    public bool IsPlain { get; } = isPlain;

    /// <summary>Whether this is YAML's or JSON's null, which counts as an absent value.</summary>
    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";

    /// <inheritdoc />
    public override string Description => IsNull ? "null" : IsPlain ? $"`{QuotedText.Of(Value)}`" : "a string";
}

/// <summary>A list.</summary>
internal sealed class SequenceNode(SourceMark mark) : SpecNode(mark)
{
    /// <summary>The items in order.</summary>
    public List<SpecNode> Items { get; } = [];

    /// <inheritdoc />
    public override string Description => "a list";
}

/// <summary>A mapping with unique string keys, in document order.</summary>
internal sealed class MappingNode(SourceMark mark) : SpecNode(mark)
{
    private readonly Dictionary<string, int> _positions = new(StringComparer.Ordinal);

    /// <summary>The entries in document order.</summary>
    public List<KeyValuePair<ScalarNode, SpecNode>> Entries { get; } = [];

    /// <inheritdoc />
    public override string Description => "a mapping";

    /// <summary>The key node already holding <paramref name="key"/>, if any.</summary>
    public ScalarNode? ExistingKey(string key) => _positions.TryGetValue(key, out var i) ? Entries[i].Key : null;

    /// <summary>Adds an entry whose key is not yet present.</summary>
    public void Add(ScalarNode key, SpecNode value)
    {
        _positions[key.Value] = Entries.Count;
        Entries.Add(new(key, value));
    }

    /// <summary>The value stored under <paramref name="key"/>, or null.</summary>
    public SpecNode? Get(string key) => _positions.TryGetValue(key, out var i) ? Entries[i].Value : null;
}
