using System.Globalization;

namespace Genie.Chaos.Harness;

/// <summary>
/// A file every chaos task appends one line to as its very last instruction (`run task replica attempt`), so which
/// tasks ran to completion, and how often, is seen from outside Genie, whatever Genie itself recorded.
/// </summary>
public sealed class TaskLedger(string directory)
{
    public string Path { get; } = System.IO.Path.Combine(directory, "ledger.txt");

    /// <summary>The shell line a task ends with (its exit status is then the append's, 0).</summary>
    public string AppendLine => $"echo \"$GENIE_RUN_ID $GENIE_TASK $GENIE_REPLICA_INDEX $GENIE_ATTEMPT\" >> {Path}";

    public IReadOnlyList<LedgerEntry> Entries() =>
        File.Exists(Path)
            ? File.ReadAllLines(Path)
                .Where(line => line.Length > 0)
                .Select(line => line.Split(' '))
                .Select(parts => new LedgerEntry(
                    parts[0], parts[1], int.Parse(parts[2], CultureInfo.InvariantCulture), int.Parse(parts[3], CultureInfo.InvariantCulture)))
                .ToList()
            : [];
}

/// <summary>One finished task process: its run, task, replica and attempt as Genie told it.</summary>
public sealed record LedgerEntry(string RunId, string Task, int Replica, int Attempt);
