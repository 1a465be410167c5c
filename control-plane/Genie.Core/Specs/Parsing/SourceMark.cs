namespace Genie.Core.Specs.Parsing;

/// <summary>A 1-based line and column in the source document, used to report errors in document order.</summary>
internal readonly record struct SourceMark(long Line, long Column) : IComparable<SourceMark>
{
    /// <summary>The start of the document.</summary>
    public static readonly SourceMark Start = new(1, 1);

    /// <inheritdoc />
    public int CompareTo(SourceMark other) => Line != other.Line ? Line.CompareTo(other.Line) : Column.CompareTo(other.Column);

    /// <inheritdoc />
    public override string ToString() => $"line {Line}, column {Column}";
}
