using Genie.Core.Specs;

namespace Genie.Core.Graph;

/// <summary>
/// The dependency DAG of a job's tasks: topological order and upstream/downstream lookups. Built by
/// <see cref="Analyze"/>, which reports unknown, duplicate and self dependencies and every distinct cycle.
/// </summary>
public sealed class JobGraph
{
    private const string Arrow = " → ";

    private readonly string[] _names;
    private readonly Dictionary<string, int> _index;
    private readonly int[][] _upstream;
    private readonly int[][] _downstream;

    private JobGraph(string[] names, Dictionary<string, int> index, int[][] upstream, int[][] downstream, int[] order)
    {
        _names = names;
        _index = index;
        _upstream = upstream;
        _downstream = downstream;
        TopologicalOrder = order.Select(i => names[i]).ToArray();
        Roots = Enumerable.Range(0, names.Length).Where(i => upstream[i].Length == 0).Select(i => names[i]).ToArray();
        Leaves = Enumerable.Range(0, names.Length).Where(i => downstream[i].Length == 0).Select(i => names[i]).ToArray();
    }

    /// <summary>Task names in declaration order.</summary>
    public IReadOnlyList<string> Tasks => _names;

    /// <summary>Every task after all of its upstream tasks; ties keep declaration order.</summary>
    public IReadOnlyList<string> TopologicalOrder { get; }

    /// <summary>Tasks without dependencies, in declaration order.</summary>
    public IReadOnlyList<string> Roots { get; }

    /// <summary>Tasks nothing depends on, in declaration order.</summary>
    public IReadOnlyList<string> Leaves { get; }

    /// <summary>Builds the graph of validated tasks, throwing <see cref="ArgumentException"/> when they do not form a DAG.</summary>
    public static JobGraph FromTasks(IReadOnlyList<TaskSpec> tasks)
    {
        var analysis = Analyze(tasks.Select(t => new GraphNode(t.Name, t.DependsOn)).ToArray());
        return analysis.Graph ?? throw new ArgumentException(
            "tasks do not form a DAG: " + string.Join("; ", analysis.Problems.Select(p => p.Message)), nameof(tasks));
    }

    /// <summary>Checks the nodes and builds the graph when they form a DAG; problems come in declaration order.</summary>
    public static JobGraphAnalysis Analyze(IReadOnlyList<GraphNode> nodes)
    {
        var problems = new List<GraphProblem>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < nodes.Count; i++)
        {
            if (!index.TryAdd(nodes[i].Name, i))
            {
                problems.Add(new GraphProblem(GraphProblemKind.DuplicateTask, i, null,
                    $"task name `{QuotedText.Of(nodes[i].Name)}` is already used by tasks[{index[nodes[i].Name]}]"));
            }
        }

        var upstream = new int[nodes.Count][];
        var unknownTasks = new UnknownTaskMessages(nodes);
        for (var i = 0; i < nodes.Count; i++)
        {
            upstream[i] = ResolveDependencies(nodes, i, index, unknownTasks, problems);
        }

        var downstream = Invert(upstream);
        problems.AddRange(Cycles(nodes, upstream, downstream));
        problems.Sort((a, b) => a.TaskIndex != b.TaskIndex
            ? a.TaskIndex.CompareTo(b.TaskIndex)
            : (a.DependencyIndex ?? -1).CompareTo(b.DependencyIndex ?? -1));
        var names = nodes.Select(n => n.Name).ToArray();
        var graph = problems.Count == 0 ? new JobGraph(names, index, upstream, downstream, Order(upstream, downstream)) : null;
        return new JobGraphAnalysis(graph, problems);
    }

    /// <summary>Whether a task of this name exists.</summary>
    public bool Contains(string task) => _index.ContainsKey(task);

    /// <summary>The tasks <paramref name="task"/> depends on directly.</summary>
    public IReadOnlyList<string> Upstream(string task) => Names(_upstream[IndexOf(task)]);

    /// <summary>The tasks that depend directly on <paramref name="task"/>.</summary>
    public IReadOnlyList<string> Downstream(string task) => Names(_downstream[IndexOf(task)]);

    /// <summary>Every task <paramref name="task"/> depends on, directly or not, in declaration order.</summary>
    public IReadOnlyList<string> Ancestors(string task) => Names(Reach(IndexOf(task), _upstream));

    /// <summary>Every task that depends on <paramref name="task"/>, directly or not, in declaration order.</summary>
    public IReadOnlyList<string> Descendants(string task) => Names(Reach(IndexOf(task), _downstream));

    private int IndexOf(string task) =>
        _index.TryGetValue(task, out var i) ? i : throw new KeyNotFoundException($"no task named `{task}`");

    private string[] Names(IEnumerable<int> indexes) => indexes.Select(i => _names[i]).ToArray();

    private static int[] Reach(int start, int[][] edges)
    {
        var seen = new bool[edges.Length];
        var pending = new Stack<int>(edges[start]);
        while (pending.TryPop(out var next))
        {
            if (!seen[next])
            {
                seen[next] = true;
                foreach (var further in edges[next])
                {
                    pending.Push(further);
                }
            }
        }

        return Enumerable.Range(0, edges.Length).Where(i => seen[i]).ToArray();
    }

    private static int[] ResolveDependencies(
        IReadOnlyList<GraphNode> nodes, int task, Dictionary<string, int> index, UnknownTaskMessages unknownTasks, List<GraphProblem> problems)
    {
        var resolved = new List<int>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var dependsOn = nodes[task].DependsOn;
        for (var d = 0; d < dependsOn.Count; d++)
        {
            var name = dependsOn[d];
            var problem = !seen.Add(name) ? (GraphProblemKind.DuplicateDependency, $"`{QuotedText.Of(name)}` is listed twice")
                : name == nodes[task].Name ? (GraphProblemKind.SelfDependency, $"task `{QuotedText.Of(name)}` cannot depend on itself")
                : !index.ContainsKey(name) ? (GraphProblemKind.UnknownTask, unknownTasks.For(name))
                : ((GraphProblemKind, string)?)null;
            if (problem is { } p)
            {
                problems.Add(new GraphProblem(p.Item1, task, d, p.Item2));
            }
            else
            {
                resolved.Add(index[name]);
            }
        }

        return resolved.ToArray();
    }

    private static int[][] Invert(int[][] upstream)
    {
        var downstream = upstream.Select(_ => new List<int>()).ToArray();
        for (var task = 0; task < upstream.Length; task++)
        {
            foreach (var up in upstream[task])
            {
                downstream[up].Add(task);
            }
        }

        return downstream.Select(d => d.ToArray()).ToArray();
    }

    // Kahn's algorithm, always releasing the earliest declared ready task, so the order is stable.
    private static int[] Order(int[][] upstream, int[][] downstream)
    {
        var waiting = upstream.Select(u => u.Length).ToArray();
        var ready = new PriorityQueue<int, int>();
        for (var i = 0; i < waiting.Length; i++)
        {
            if (waiting[i] == 0)
            {
                ready.Enqueue(i, i);
            }
        }

        var order = new List<int>(waiting.Length);
        while (ready.TryDequeue(out var task, out _))
        {
            order.Add(task);
            foreach (var next in downstream[task])
            {
                if (--waiting[next] == 0)
                {
                    ready.Enqueue(next, next);
                }
            }
        }

        return order.ToArray();
    }

    // One shortest cycle through every task caught in a loop, each distinct cycle reported once,
    // starting at its earliest declared task and written in the direction work flows.
    private static List<GraphProblem> Cycles(IReadOnlyList<GraphNode> nodes, int[][] upstream, int[][] downstream)
    {
        var problems = new List<GraphProblem>();
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var component in StronglyConnectedComponents(downstream).Where(c => c.Count > 1))
        {
            var members = component.ToHashSet();
            var covered = new HashSet<int>();
            foreach (var start in component.Order())
            {
                if (covered.Contains(start))
                {
                    continue;
                }

                var cycle = Rotate(ShortestCycle(start, downstream, members));
                covered.UnionWith(cycle);
                var text = string.Join(Arrow, cycle.Append(cycle[0]).Select(i => nodes[i].Name));
                if (reported.Add(text))
                {
                    var closing = nodes[cycle[0]].DependsOn.ToList().IndexOf(nodes[cycle[^1]].Name);
                    problems.Add(new GraphProblem(GraphProblemKind.Cycle, cycle[0], closing, $"cycle: {text}"));
                }
            }
        }

        return problems;
    }

    private static List<int> Rotate(List<int> cycle)
    {
        var first = cycle.IndexOf(cycle.Min());
        return cycle.Skip(first).Concat(cycle.Take(first)).ToList();
    }

    // Breadth-first search from start back to itself inside one component.
    private static List<int> ShortestCycle(int start, int[][] downstream, HashSet<int> members)
    {
        var previous = new Dictionary<int, int>();
        var queue = new Queue<int>();
        queue.Enqueue(start);
        while (queue.TryDequeue(out var current))
        {
            foreach (var next in downstream[current].Where(members.Contains))
            {
                if (next == start)
                {
                    var cycle = new List<int> { current };
                    while (cycle[^1] != start)
                    {
                        cycle.Add(previous[cycle[^1]]);
                    }

                    cycle.Reverse();
                    return cycle;
                }

                if (previous.TryAdd(next, current))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return [start];
    }

    // Tarjan's algorithm with an explicit stack, so deep chains cannot overflow the call stack.
    private static List<List<int>> StronglyConnectedComponents(int[][] edges)
    {
        var count = edges.Length;
        var index = new int[count];
        var low = new int[count];
        var onStack = new bool[count];
        Array.Fill(index, -1);
        var stack = new Stack<int>();
        var components = new List<List<int>>();
        var next = 0;
        for (var root = 0; root < count; root++)
        {
            if (index[root] >= 0)
            {
                continue;
            }

            var work = new Stack<(int Node, int Edge)>();
            work.Push((root, 0));
            index[root] = low[root] = next++;
            stack.Push(root);
            onStack[root] = true;
            while (work.TryPop(out var frame))
            {
                var (node, edge) = frame;
                if (edge < edges[node].Length)
                {
                    work.Push((node, edge + 1));
                    var target = edges[node][edge];
                    if (index[target] < 0)
                    {
                        index[target] = low[target] = next++;
                        stack.Push(target);
                        onStack[target] = true;
                        work.Push((target, 0));
                    }
                    else if (onStack[target])
                    {
                        low[node] = Math.Min(low[node], index[target]);
                    }

                    continue;
                }

                if (work.TryPeek(out var parent))
                {
                    low[parent.Node] = Math.Min(low[parent.Node], low[node]);
                }

                if (low[node] == index[node])
                {
                    var component = new List<int>();
                    int member;
                    do
                    {
                        member = stack.Pop();
                        onStack[member] = false;
                        component.Add(member);
                    }
                    while (member != node);
                    components.Add(component);
                }
            }
        }

        return components;
    }
}
