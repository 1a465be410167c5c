using Genie.Portal.Jobs;

namespace Genie.Portal.Tests.Jobs;

/// <summary>The version diff aligns equal lines side by side and marks each change on its side.</summary>
public sealed class SideBySideDiffTests
{
    [Fact]
    public void Equal_texts_have_every_line_unchanged_and_numbered_on_both_sides()
    {
        var diff = SideBySideDiff.Of("a: 1\nb: 2\n", "a: 1\nb: 2\n");

        diff.ChangedRows.ShouldBe(0);
        diff.Rows.Select(r => (r.Left.Number, r.Right.Number)).ShouldBe([(1, 1), (2, 2)]);
    }

    [Fact]
    public void A_changed_line_is_marked_modified_on_both_sides_in_one_row()
    {
        var diff = SideBySideDiff.Of("name: a\nimage: python:3.11\ncommand: [x]\n", "name: a\nimage: python:3.12\ncommand: [x]\n");

        diff.ChangedRows.ShouldBe(1);
        var row = diff.Rows[1];
        (row.Left.Text, row.Left.Change).ShouldBe(("image: python:3.11", LineChange.Modified));
        (row.Right.Text, row.Right.Change).ShouldBe(("image: python:3.12", LineChange.Modified));
        diff.Rows[2].Left.Change.ShouldBe(LineChange.Unchanged);
    }

    [Fact]
    public void An_added_line_leaves_a_numberless_gap_on_the_old_side_and_later_lines_stay_aligned()
    {
        var diff = SideBySideDiff.Of("tasks:\n  - a\n  - c\n", "tasks:\n  - a\n  - b\n  - c\n");

        var added = diff.Rows.Single(r => r.Right.Change == LineChange.Inserted);
        (added.Left.Number, added.Left.Change, added.Right.Text).ShouldBe((null, LineChange.Absent, "  - b"));
        diff.Rows[^1].Left.Number.ShouldBe(3);
        diff.Rows[^1].Right.Number.ShouldBe(4);
        diff.Rows[^1].Right.Change.ShouldBe(LineChange.Unchanged);
    }

    [Fact]
    public void A_removed_line_is_marked_deleted_on_the_old_side()
    {
        var diff = SideBySideDiff.Of("a\nb\nc\n", "a\nc\n");

        var removed = diff.Rows.Single(r => r.Left.Change == LineChange.Deleted);
        (removed.Left.Text, removed.Right.Number, removed.Right.Change).ShouldBe(("b", null, LineChange.Absent));
    }

    [Fact]
    public void Indentation_is_a_change_because_it_changes_what_yaml_means()
    {
        SideBySideDiff.Of("a:\n  b: 1\n", "a:\nb: 1\n").ChangedRows.ShouldBe(1);
    }

    [Fact]
    public void Windows_line_endings_alone_are_not_a_change()
    {
        SideBySideDiff.Of("a: 1\r\nb: 2\r\n", "a: 1\nb: 2\n").ChangedRows.ShouldBe(0);
    }
}
