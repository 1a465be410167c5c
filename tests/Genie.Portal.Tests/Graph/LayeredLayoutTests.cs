using Genie.Portal.Graph;

namespace Genie.Portal.Tests.Graph;

/// <summary>The DAG layout: longest-path columns, crossing-free orders where one exists, arrows through placeholders.</summary>
public sealed class LayeredLayoutTests
{
    private static DagTask Task(string name, params string[] dependsOn) => new(name, dependsOn);

    private static PlacedTask At(DagLayout layout, string name) => layout.Tasks.Single(t => t.Task.Name == name);

    [Fact]
    public void Each_task_sits_in_the_column_of_its_longest_path_from_a_start()
    {
        var layout = LayeredLayout.Compute([
            Task("extract"), Task("transform", "extract"), Task("load", "transform"),
            Task("report", "load"), Task("audit", "extract", "load"), Task("lone"),
        ]);

        layout.Tasks.ToDictionary(t => t.Task.Name, t => t.Layer).ShouldBe(new Dictionary<string, int>
        {
            ["extract"] = 0, ["transform"] = 1, ["load"] = 2, ["report"] = 3, ["audit"] = 3, ["lone"] = 0,
        });
        At(layout, "load").X.ShouldBe(DagLayout.Margin + 2 * (DagLayout.NodeWidth + DagLayout.LayerGap));
        layout.Width.ShouldBe(2 * DagLayout.Margin + 4 * DagLayout.NodeWidth + 3 * DagLayout.LayerGap);
    }

    [Fact]
    public void Columns_are_reordered_so_that_arrows_do_not_cross()
    {
        // In spec order `c` would sit above `d`, so b→c and a→d would cross.
        var layout = LayeredLayout.Compute([Task("a"), Task("b"), Task("c", "b"), Task("d", "a")]);

        var (a, b, c, d) = (At(layout, "a").Y, At(layout, "b").Y, At(layout, "c").Y, At(layout, "d").Y);
        ((a - b) * (d - c)).ShouldBeGreaterThan(0);
    }

    [Fact]
    public void A_wide_fan_out_and_in_has_no_crossings_and_no_overlapping_boxes()
    {
        var shards = Enumerable.Range(0, 5).Select(i => Task($"shard-{i}", "split")).ToList();
        var layout = LayeredLayout.Compute([
            Task("split"), .. shards, Task("merge", [.. shards.Select(s => s.Name)]), Task("side", "shard-3"),
        ]);

        layout.Tasks.Select(t => (t.X, t.Y)).Distinct().Count().ShouldBe(layout.Tasks.Count);
        layout.Tasks.ShouldAllBe(t => t.X + DagLayout.NodeWidth <= layout.Width && t.Y + DagLayout.NodeHeight <= layout.Height);
        var column = layout.Tasks.Where(t => t.Layer == 2).OrderBy(t => t.Y).Select(t => t.Task.Name).ToList();
        column.ShouldBe(["merge", "side"], ignoreOrder: true);
        // `side` hangs off shard-3 and `merge` off all of them: whichever is on top, no arrow pair out of layer 1 may cross.
        var rows = layout.Tasks.ToDictionary(t => t.Task.Name, t => t.Y);
        var arrows = layout.Edges.Where(e => e.From.StartsWith("shard", StringComparison.Ordinal)).Select(e => (rows[e.From], rows[e.To])).ToList();
        arrows.SelectMany(x => arrows, (x, y) => (x.Item1 - y.Item1) * (x.Item2 - y.Item2)).ShouldAllBe(product => product >= 0);
    }

    [Fact]
    public void An_arrow_across_several_columns_runs_from_box_edge_to_box_edge_through_a_placeholder_row()
    {
        var layout = LayeredLayout.Compute([Task("a"), Task("b", "a"), Task("c", "a", "b")]);

        var (a, b, c) = (At(layout, "a"), At(layout, "b"), At(layout, "c"));
        var skip = layout.Edges.Single(e => e.From == "a" && e.To == "c").Path;
        skip.ShouldStartWith($"M{a.X + DagLayout.NodeWidth:0.#} {a.Y + DagLayout.NodeHeight / 2:0.#} ");
        skip.ShouldEndWith($" {c.X:0.#} {c.Y + DagLayout.NodeHeight / 2:0.#}");
        // The placeholder takes a row of its own beside `b`, so the straight stretch never runs through b's box.
        skip.ShouldContain(" L");
        layout.Height.ShouldBe(2 * DagLayout.Margin + 2 * DagLayout.NodeHeight + DagLayout.RowGap);
        var straight = skip[(skip.IndexOf(" L", StringComparison.Ordinal) + 2)..].Split(' ')[1];
        double.Parse(straight, System.Globalization.CultureInfo.InvariantCulture).ShouldNotBe(b.Y + DagLayout.NodeHeight / 2);
    }

    [Fact]
    public void Unknown_dependencies_and_cycles_are_left_out_instead_of_hanging_the_page()
    {
        var layout = LayeredLayout.Compute([Task("a", "b"), Task("b", "a"), Task("c", "missing"), Task("c")]);

        layout.Tasks.Select(t => t.Task.Name).ShouldBe(["a", "b", "c"], ignoreOrder: true);
        layout.Edges.Count.ShouldBe(1);
    }

    [Fact]
    public void No_tasks_is_an_empty_canvas() => LayeredLayout.Compute([]).ShouldBe(DagLayout.Empty);
}
