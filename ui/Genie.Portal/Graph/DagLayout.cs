namespace Genie.Portal.Graph;

/// <summary>
/// Where a DAG's tasks and dependency arrows go on a canvas of <see cref="Width"/> × <see cref="Height"/> pixels:
/// tasks in columns by their longest path from a start, arrows left to right.
/// </summary>
public sealed record DagLayout(IReadOnlyList<PlacedTask> Tasks, IReadOnlyList<PlacedEdge> Edges, double Width, double Height)
{
    public static DagLayout Empty { get; } = new([], [], 0, 0);

    /// <summary>Canvas size of one task box, and the gaps between columns and rows.</summary>
    public const double NodeWidth = 168, NodeHeight = 48, LayerGap = 56, RowGap = 16, Margin = 8;
}

/// <summary>A task's box: top-left corner, its column (<see cref="Layer"/>) and its place within the column (<see cref="Row"/>).</summary>
public sealed record PlacedTask(DagTask Task, int Layer, int Row, double X, double Y);

/// <summary>An arrow from <see cref="From"/> (which must finish first) to <see cref="To"/>, as an SVG path.</summary>
public sealed record PlacedEdge(string From, string To, string Path);
