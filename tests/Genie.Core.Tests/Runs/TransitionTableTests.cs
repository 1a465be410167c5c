using System.Text.RegularExpressions;
using Genie.Core.Runs;
using Genie.Core.Tests.Airflow;

namespace Genie.Core.Tests.Runs;

/// <summary>
/// The transition tables in code are the ones the README shows: every pair of states is compared, so a move
/// added or removed on one side only fails here.
/// </summary>
public partial class TransitionTableTests
{
    [Fact]
    public void Run_moves_match_the_readme_for_every_pair() =>
        AssertEveryPair(RunTransitions.Table, ReadmeTable("Runs"), s => s.ToWire());

    [Fact]
    public void Task_moves_match_the_readme_for_every_pair() =>
        AssertEveryPair(TaskTransitions.Table, ReadmeTable("Task instances"), s => s.ToWire());

    [Fact]
    public void Attempt_moves_match_the_readme_for_every_pair() =>
        AssertEveryPair(AttemptTransitions.Table, ReadmeTable("Attempts"), s => s.ToWire());

    [Fact]
    public void Terminal_runs_only_move_back_to_the_queue_and_skipped_ones_never()
    {
        foreach (var from in Enum.GetValues<RunState>().Where(s => s.IsTerminal()))
        {
            foreach (var to in Enum.GetValues<RunState>())
            {
                RunTransitions.Table.Allows(from, to).ShouldBe(to == RunState.Queued && from != RunState.Skipped, $"{from} -> {to}");
            }
        }
    }

    [Fact]
    public void Finished_task_instances_only_move_back_to_pending()
    {
        foreach (var from in Enum.GetValues<TaskState>().Where(s => s.IsTerminal()))
        {
            TaskTransitions.Table.Moves[from].ToList().ShouldBe([TaskState.Pending], $"{from}");
        }
    }

    [Fact]
    public void Sources_are_the_inverse_of_moves()
    {
        foreach (var to in Enum.GetValues<TaskState>())
        {
            TaskTransitions.Table.SourcesOf(to).ShouldBe(Enum.GetValues<TaskState>().Where(from => TaskTransitions.Table.Allows(from, to)));
        }

        RunTransitions.Table.SourcesOf(RunState.Running).ShouldBe([RunState.Queued, RunState.Suspended]);
        RunTransitions.Table.SourcesOf(RunState.Skipped).ShouldBeEmpty();
    }

    [Fact]
    public void Runs_are_created_queued_or_skipped() =>
        RunTransitions.Initial.OrderBy(s => s).ShouldBe([RunState.Queued, RunState.Skipped]);

    private static void AssertEveryPair<TState>(TransitionTable<TState> table, IReadOnlyDictionary<string, string[]> readme, Func<TState, string> wire)
        where TState : struct, Enum
    {
        var states = Enum.GetValues<TState>();
        readme.Keys.OrderBy(k => k).ShouldBe(states.Select(wire).OrderBy(k => k), "the README lists every state as a source exactly once");
        var mismatches = new List<string>();
        foreach (var from in states)
        {
            foreach (var to in states)
            {
                var documented = readme[wire(from)].Contains(wire(to));
                if (documented != table.Allows(from, to))
                {
                    mismatches.Add($"{wire(from)} -> {wire(to)}: README {(documented ? "allows" : "forbids")}, code {(documented ? "forbids" : "allows")}");
                }
            }
        }

        mismatches.ShouldBeEmpty();
    }

    /// <summary>The `| from | may move to |` table that follows the README paragraph starting with <paramref name="heading"/>.</summary>
    private static Dictionary<string, string[]> ReadmeTable(string heading)
    {
        var readme = File.ReadAllText(Path.Combine(PythonProcess.RepositoryRoot, "README.md"));
        var section = readme[readme.IndexOf("## State machines", StringComparison.Ordinal)..];
        var start = section.IndexOf("\n" + heading + " (", StringComparison.Ordinal);
        start.ShouldBeGreaterThan(0, $"the README's state machine section has a `{heading}` table");
        var rows = new Dictionary<string, string[]>();
        foreach (var line in section[start..].Split('\n').SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|')).Skip(2))
        {
            var cells = Row().Match(line);
            cells.Success.ShouldBeTrue($"`{line}` is a table row");
            rows.Add(cells.Groups[1].Value, cells.Groups[2].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        return rows;
    }

    [GeneratedRegex(@"^\|\s*([a-z_]+)\s*\|([^|]*)\|\s*$")]
    private static partial Regex Row();
}
