using System.Globalization;
using System.Text;

namespace Genie.Portal.Graph;

/// <summary>
/// Lays a DAG out in layers (the Sugiyama way): each task in the column of its longest path from a start, a
/// placeholder in every column a longer arrow passes through, barycenter sweeps that reorder the columns to cut
/// crossings, then box coordinates and arrow paths (through the placeholders, so arrows never cross a box).
/// </summary>
public static class LayeredLayout
{
    // Down and up sweeps alternate; a dozen settles the small DAGs jobs have, and the best order seen is kept.
    private const int Sweeps = 12;

    public static DagLayout Compute(IReadOnlyList<DagTask> tasks)
    {
        var unique = tasks.DistinctBy(t => t.Name).ToList();
        if (unique.Count == 0)
        {
            return DagLayout.Empty;
        }

        var index = unique.Select((task, i) => (task.Name, i)).ToDictionary(p => p.Name, p => p.i);
        var layers = Layers(unique, index);
        // The server refuses cycles; an arrow that does not point to a later column could only come from one, so it is left out.
        var edges = unique
            .SelectMany((task, to) => task.DependsOn.Where(index.ContainsKey).Distinct().Select(dependency => (From: index[dependency], To: to)))
            .Where(e => layers[e.From] < layers[e.To])
            .ToList();

        var columns = Enumerable.Range(0, layers.Max() + 1).Select(_ => new List<Slot>()).ToList();
        var slots = unique.Select((_, i) => Add(columns, new Slot(i, layers[i]))).ToList();
        var chains = edges.Select(e => Chain(columns, slots[e.From], slots[e.To])).ToList();
        Order(columns);

        var rows = columns.Max(c => c.Count);
        var placed = slots.Select(s => new PlacedTask(unique[s.Task!.Value], s.Layer, s.Row, X(s), Y(s, columns, rows))).ToList();
        var arrows = edges.Select((e, i) => new PlacedEdge(unique[e.From].Name, unique[e.To].Name, Path(chains[i], columns, rows))).ToList();
        return new DagLayout(
            placed,
            arrows,
            2 * DagLayout.Margin + columns.Count * DagLayout.NodeWidth + (columns.Count - 1) * DagLayout.LayerGap,
            2 * DagLayout.Margin + rows * DagLayout.NodeHeight + (rows - 1) * DagLayout.RowGap);
    }

    /// <summary>Crossings between arrows of neighbouring columns in the order the columns are in now.</summary>
    private static int Crossings(List<List<Slot>> columns)
    {
        var crossings = 0;
        foreach (var column in columns)
        {
            var arrows = column.SelectMany(from => from.Down.Select(to => (From: from.Row, To: to.Row))).ToList();
            for (var i = 0; i < arrows.Count; i++)
            {
                for (var j = i + 1; j < arrows.Count; j++)
                {
                    if ((arrows[i].From - arrows[j].From) * (arrows[i].To - arrows[j].To) < 0)
                    {
                        crossings++;
                    }
                }
            }
        }

        return crossings;
    }

    // Longest path from a task without dependencies; a dependency on the path being walked (a cycle) is ignored.
    private static int[] Layers(List<DagTask> tasks, Dictionary<string, int> index)
    {
        var layer = Enumerable.Repeat(-1, tasks.Count).ToArray();
        var walking = new bool[tasks.Count];

        int Of(int task)
        {
            if (layer[task] >= 0)
            {
                return layer[task];
            }

            walking[task] = true;
            var deepest = -1;
            foreach (var dependency in tasks[task].DependsOn)
            {
                if (index.TryGetValue(dependency, out var d) && !walking[d])
                {
                    deepest = Math.Max(deepest, Of(d));
                }
            }

            walking[task] = false;
            return layer[task] = deepest + 1;
        }

        for (var task = 0; task < tasks.Count; task++)
        {
            Of(task);
        }

        return layer;
    }

    private static Slot Add(List<List<Slot>> columns, Slot slot)
    {
        slot.Row = columns[slot.Layer].Count;
        columns[slot.Layer].Add(slot);
        return slot;
    }

    // The slots an arrow passes: its ends and a placeholder in each column between them.
    private static List<Slot> Chain(List<List<Slot>> columns, Slot from, Slot to)
    {
        var chain = new List<Slot> { from };
        for (var layer = from.Layer + 1; layer < to.Layer; layer++)
        {
            chain.Add(Add(columns, new Slot(null, layer)));
        }

        chain.Add(to);
        for (var i = 1; i < chain.Count; i++)
        {
            chain[i - 1].Down.Add(chain[i]);
            chain[i].Up.Add(chain[i - 1]);
        }

        return chain;
    }

    private static void Order(List<List<Slot>> columns)
    {
        var best = Snapshot(columns);
        var fewest = Crossings(columns);
        for (var sweep = 0; sweep < Sweeps && fewest > 0; sweep++)
        {
            if (sweep % 2 == 0)
            {
                for (var layer = 1; layer < columns.Count; layer++)
                {
                    Reorder(columns[layer], slot => slot.Up);
                }
            }
            else
            {
                for (var layer = columns.Count - 2; layer >= 0; layer--)
                {
                    Reorder(columns[layer], slot => slot.Down);
                }
            }

            var crossings = Crossings(columns);
            if (crossings < fewest)
            {
                (best, fewest) = (Snapshot(columns), crossings);
            }
        }

        for (var layer = 0; layer < columns.Count; layer++)
        {
            columns[layer].Clear();
            columns[layer].AddRange(best[layer]);
            Renumber(columns[layer]);
        }
    }

    // Each slot moves to the mean row of its neighbours in the column just placed; one without neighbours keeps its row.
    private static void Reorder(List<Slot> column, Func<Slot, List<Slot>> neighbours)
    {
        var ordered = column
            .Select(slot => (Slot: slot, Key: neighbours(slot) is { Count: > 0 } n ? n.Average(x => (double)x.Row) : slot.Row))
            .OrderBy(k => k.Key)
            .ThenBy(k => k.Slot.Row)
            .Select(k => k.Slot)
            .ToList();
        column.Clear();
        column.AddRange(ordered);
        Renumber(column);
    }

    private static void Renumber(List<Slot> column)
    {
        for (var row = 0; row < column.Count; row++)
        {
            column[row].Row = row;
        }
    }

    private static List<List<Slot>> Snapshot(List<List<Slot>> columns) => columns.Select(c => c.ToList()).ToList();

    private static double X(Slot slot) => DagLayout.Margin + slot.Layer * (DagLayout.NodeWidth + DagLayout.LayerGap);

    // Shorter columns are centred against the tallest one.
    private static double Y(Slot slot, List<List<Slot>> columns, int rows) =>
        DagLayout.Margin + (slot.Row + (rows - columns[slot.Layer].Count) / 2.0) * (DagLayout.NodeHeight + DagLayout.RowGap);

    // From the right edge of the first box to the left edge of the last, an S-curve between columns and straight through placeholders.
    private static string Path(List<Slot> chain, List<List<Slot>> columns, int rows)
    {
        var middle = DagLayout.NodeHeight / 2;
        var bend = DagLayout.LayerGap / 2;
        var path = new StringBuilder();
        var (x, y) = (X(chain[0]) + DagLayout.NodeWidth, Y(chain[0], columns, rows) + middle);
        path.Append(CultureInfo.InvariantCulture, $"M{x:0.#} {y:0.#}");
        for (var i = 1; i < chain.Count; i++)
        {
            var (nextX, nextY) = (X(chain[i]), Y(chain[i], columns, rows) + middle);
            path.Append(CultureInfo.InvariantCulture, $" C{x + bend:0.#} {y:0.#} {nextX - bend:0.#} {nextY:0.#} {nextX:0.#} {nextY:0.#}");
            (x, y) = (nextX, nextY);
            if (chain[i].Task is null)
            {
                x += DagLayout.NodeWidth;
                path.Append(CultureInfo.InvariantCulture, $" L{x:0.#} {y:0.#}");
            }
        }

        return path.ToString();
    }

    /// <summary>A place in a column: a task, or a placeholder a longer arrow passes through.</summary>
    private sealed class Slot(int? task, int layer)
    {
        public int? Task { get; } = task;

        public int Layer { get; } = layer;

        public int Row { get; set; }

        public List<Slot> Up { get; } = [];

        public List<Slot> Down { get; } = [];
    }
}
