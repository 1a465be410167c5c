using Genie.Core.Specs.Parsing;

namespace Genie.Core.Specs.Binding;

/// <summary>
/// A value to bind and where it is: <see cref="Node"/> is null when the key is missing, in which case
/// <see cref="Mark"/> is the enclosing mapping's position.
/// </summary>
internal readonly record struct Field(SpecNode? Node, SpecPath Path, SourceMark Mark)
{
    /// <summary>Whether the value is missing or null, which optional fields treat alike.</summary>
    public bool IsAbsent => Node is null or ScalarNode { IsNull: true };

    /// <summary>The field at the root of the document.</summary>
    public static Field Root(SpecNode node) => new(node, SpecPath.Root, node.Mark);

    /// <summary>The <paramref name="index"/>th item of a list node.</summary>
    public Field Item(SpecNode item, int index) => new(item, Path.Item(index), item.Mark);
}
