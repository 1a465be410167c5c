using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace Genie.Portal.Jobs;

/// <summary>
/// Two texts line by line, aligned in rows so that equal lines sit side by side and each changed line is marked
/// (DiffPlex's line diff). Whitespace counts: in YAML an indentation change is a change of meaning.
/// </summary>
public sealed record SideBySideDiff(IReadOnlyList<DiffRow> Rows)
{
    public static SideBySideDiff Of(string before, string after)
    {
        var model = SideBySideDiffBuilder.Diff(Normalize(before), Normalize(after), ignoreWhiteSpace: false, ignoreCase: false);
        return new SideBySideDiff(model.OldText.Lines.Zip(model.NewText.Lines, (left, right) => new DiffRow(Line(left), Line(right))).ToList());
    }

    /// <summary>Rows where either side differs.</summary>
    public int ChangedRows => Rows.Count(r => r.Left.Change != LineChange.Unchanged || r.Right.Change != LineChange.Unchanged);

    // Texts applied from Windows and from Linux should not differ in every line, and the newline that ends the last
    // line does not start an empty one.
    private static string Normalize(string text) => text.ReplaceLineEndings("\n") is var lf && lf.EndsWith('\n') ? lf[..^1] : lf;

    private static DiffLine Line(DiffPiece piece) => new(piece.Position, piece.Text ?? "", piece.Type switch
    {
        ChangeType.Deleted => LineChange.Deleted,
        ChangeType.Inserted => LineChange.Inserted,
        ChangeType.Modified => LineChange.Modified,
        ChangeType.Imaginary => LineChange.Absent,
        _ => LineChange.Unchanged,
    });
}

/// <summary>One row of a side-by-side diff: the old text's line on the left, the new text's on the right.</summary>
public sealed record DiffRow(DiffLine Left, DiffLine Right);

/// <summary>One side's line: its 1-based number (null where the side is padded), its text and how it changed.</summary>
public sealed record DiffLine(int? Number, string Text, LineChange Change);
