using System.Globalization;

namespace Genie.Server.Tests.Executors.Parity;

/// <summary>
/// What one task's process does in a parity scenario, attempt by attempt (the last code repeats), in every replica or
/// only in <see cref="Replica"/>: a shell script for the local executor, a pod outcome for the fake Airflow.
/// </summary>
public sealed record PodOutcome(string Job, string Task, IReadOnlyList<int> ExitCodes, int? Replica = null)
{
    /// <summary>`exit N`, or a `case` on `$GENIE_ATTEMPT` when attempts differ.</summary>
    public string Script()
    {
        if (ExitCodes.Count == 1)
        {
            return $"exit {ExitCodes[0]}";
        }

        var attempts = ExitCodes.Select((code, index) => index == ExitCodes.Count - 1 ? $"*) exit {code};;" : $"{index + 1}) exit {code};;");
        return $"case $GENIE_ATTEMPT in {string.Join(' ', attempts)} esac";
    }

    /// <summary>The script of a task whose replicas differ: a `case` on `$GENIE_REPLICA_INDEX`.</summary>
    public static string ScriptFor(IReadOnlyList<PodOutcome> outcomes)
    {
        var everyReplica = outcomes.SingleOrDefault(o => o.Replica is null)?.Script() ?? "exit 0";
        var byReplica = outcomes.Where(o => o.Replica is not null).ToList();
        return byReplica.Count == 0
            ? everyReplica
            : "case $GENIE_REPLICA_INDEX in " +
              string.Join(' ', byReplica.Select(o => $"{o.Replica!.Value.ToString(CultureInfo.InvariantCulture)}) {o.Script()};;")) +
              $" *) {everyReplica};; esac";
    }
}
