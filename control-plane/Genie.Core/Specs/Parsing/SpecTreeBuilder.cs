using System.Text;

namespace Genie.Core.Specs.Parsing;

/// <summary>
/// Turns a stream of YAML or JSON parse events into a <see cref="SpecNode"/> tree without recursion.
/// Enforces depth, node and string limits while reading, rejects duplicate and merge keys, and expands
/// aliases by sharing nodes while charging their full expanded size, so alias bombs stop early.
/// A limit breach stops the build (<see cref="Stopped"/>); other problems are reported and reading goes on.
/// </summary>
internal sealed class SpecTreeBuilder(SpecLimits limits, SpecErrorSink errors)
{
    private readonly Stack<Frame> _frames = new();
    private readonly Dictionary<string, SpecNode> _anchors = new(StringComparer.Ordinal);
    private readonly HashSet<SpecNode> _open = [];
    private long _nodes;

    /// <summary>The finished root, once the outermost node is complete.</summary>
    public SpecNode? Root { get; private set; }

    /// <summary>Whether a limit was breached and reading must stop.</summary>
    public bool Stopped { get; private set; }

    /// <summary>The path of the value the next event will produce.</summary>
    public SpecPath CurrentPath => _frames.TryPeek(out var top) ? top.ChildPath() : SpecPath.Root;

    /// <summary>Starts a mapping.</summary>
    public void StartMapping(SourceMark mark, string? anchor) => StartContainer(new MappingNode(mark), anchor);

    /// <summary>Starts a list.</summary>
    public void StartSequence(SourceMark mark, string? anchor) => StartContainer(new SequenceNode(mark), anchor);

    /// <summary>Ends the innermost mapping or list.</summary>
    public void End()
    {
        if (Stopped || !_frames.TryPop(out var frame))
        {
            return;
        }

        _open.Remove(frame.Node);
        Place(frame.Node);
    }

    /// <summary>Adds a scalar, as a key when a mapping expects one.</summary>
    public void Scalar(SourceMark mark, string value, bool isPlain, string? anchor)
    {
        if (Stopped)
        {
            return;
        }

        var path = _frames.TryPeek(out var top) && top.ExpectsKey ? top.Path.Property(value) : CurrentPath;
        if (!Charge(1, mark, path))
        {
            return;
        }

        CheckText(value, mark, path);
        var node = new ScalarNode(mark, value, isPlain);
        Define(anchor, node);
        Place(node);
    }

    /// <summary>Adds a reference to an anchored node.</summary>
    public void Alias(SourceMark mark, string name)
    {
        if (Stopped)
        {
            return;
        }

        var path = CurrentPath;
        if (!_anchors.TryGetValue(name, out var target))
        {
            errors.Add(path, mark, $"alias `*{QuotedText.Of(name)}` refers to no anchor defined before it");
            Place(new ScalarNode(mark, "", isPlain: true));
            return;
        }

        if (_open.Contains(target))
        {
            Stop(path, mark, $"alias `*{QuotedText.Of(name)}` refers to a node that contains it; recursive documents are not supported");
            return;
        }

        if (_frames.Count + target.Height > limits.MaxDepth)
        {
            Stop(path, mark, $"alias `*{QuotedText.Of(name)}` nests the document deeper than {limits.MaxDepth} levels");
            return;
        }

        if (Charge(target.Size, mark, path))
        {
            Place(target);
        }
    }

    /// <summary>Reports a problem at the position of the next value without stopping.</summary>
    public void Report(SourceMark mark, string message) => errors.Add(CurrentPath, mark, message);

    private void StartContainer(SpecNode node, string? anchor)
    {
        if (Stopped)
        {
            return;
        }

        var path = CurrentPath;
        if (_frames.Count + 1 > limits.MaxDepth)
        {
            Stop(path, node.Mark, $"the document nests deeper than {limits.MaxDepth} levels");
            return;
        }

        if (!Charge(1, node.Mark, path))
        {
            return;
        }

        node.Height = 1;
        Define(anchor, node);
        _open.Add(node);
        _frames.Push(new Frame(node, path));
    }

    private void Define(string? anchor, SpecNode node)
    {
        if (!string.IsNullOrEmpty(anchor))
        {
            _anchors[anchor] = node;
        }
    }

    private bool Charge(long nodes, SourceMark mark, SpecPath path)
    {
        _nodes += nodes;
        if (_nodes <= limits.MaxNodes)
        {
            return true;
        }

        Stop(path, mark, $"the document has more than {limits.MaxNodes} values (YAML aliases count once per use)");
        return false;
    }

    private void Stop(SpecPath path, SourceMark mark, string message)
    {
        errors.Add(path, mark, message);
        Stopped = true;
    }

    private void CheckText(string value, SourceMark mark, SpecPath path)
    {
        if (value.Contains('\0'))
        {
            errors.Add(path, mark, "must not contain the NUL character (U+0000)");
        }

        // Every UTF-16 unit is at least one UTF-8 byte and at most three, so most strings skip the count.
        if (value.Length > limits.MaxStringBytes
            || (value.Length * 3L > limits.MaxStringBytes && Encoding.UTF8.GetByteCount(value) > limits.MaxStringBytes))
        {
            errors.Add(path, mark, $"is longer than {limits.MaxStringBytes} bytes");
        }
    }

    private void Place(SpecNode node)
    {
        if (!_frames.TryPeek(out var top))
        {
            Root = node;
            return;
        }

        top.Node.Size += node.Size;
        top.Node.Height = Math.Max(top.Node.Height, node.Height + 1);
        if (top.Node is SequenceNode sequence)
        {
            sequence.Items.Add(node);
        }
        else if (top.ExpectsKey)
        {
            AcceptKey(top, node);
        }
        else
        {
            if (!top.DiscardValue)
            {
                ((MappingNode)top.Node).Add(top.PendingKey!, node);
            }

            top.ExpectsKey = true;
            top.PendingKey = null;
            top.DiscardValue = false;
        }
    }

    // A rejected key still has a value in the event stream; it is read and dropped so reading can go on.
    private void AcceptKey(Frame frame, SpecNode node)
    {
        var mapping = (MappingNode)frame.Node;
        frame.ExpectsKey = false;
        frame.DiscardValue = true;
        if (node is not ScalarNode key)
        {
            errors.Add(frame.Path, node.Mark, "mapping keys must be strings, not lists or mappings");
        }
        else if (key is { IsPlain: true, Value: "<<" })
        {
            errors.Add(frame.Path.Property("<<"), key.Mark, "YAML merge keys (`<<`) are not supported: write the fields out");
        }
        else if (mapping.ExistingKey(key.Value) is { } first)
        {
            errors.Add(frame.Path.Property(key.Value), key.Mark, $"duplicate key `{QuotedText.Of(key.Value)}` (first at {first.Mark})");
        }
        else
        {
            frame.PendingKey = key;
            frame.DiscardValue = false;
        }
    }

    private sealed class Frame(SpecNode node, SpecPath path)
    {
        public SpecNode Node { get; } = node;

        public SpecPath Path { get; } = path;

        public bool ExpectsKey { get; set; } = node is MappingNode;

        public ScalarNode? PendingKey { get; set; }

        public bool DiscardValue { get; set; }

        public SpecPath ChildPath() => Node switch
        {
            SequenceNode sequence => Path.Item(sequence.Items.Count),
            _ when PendingKey is not null => Path.Property(PendingKey.Value),
            _ => Path,
        };
    }
}
