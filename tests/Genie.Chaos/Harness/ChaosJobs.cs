using Genie.Client;

namespace Genie.Chaos.Harness;

/// <summary>
/// The jobs of the steady load: `single` (one short task) and `chain` (three in a row), each task a short sleep
/// then its ledger line. Retries let attempts that a fault cut short run again, so every run is expected to succeed.
/// </summary>
public static class ChaosJobs
{
    public const string Namespace = "chaos";

    public static readonly IReadOnlyList<string> Load = ["single", "chain"];

    public static async Task ApplyAsync(GenieClient client, TaskLedger ledger, CancellationToken cancellationToken)
    {
        await client.ApplyJobAsync(Namespace, "single", Spec("single", ledger, ("work", null)), cancellationToken: cancellationToken);
        await client.ApplyJobAsync(Namespace, "chain", Spec("chain", ledger, ("first", null), ("second", "first"), ("third", "second")),
            cancellationToken: cancellationToken);
    }

    private static string Spec(string name, TaskLedger ledger, params (string Name, string? After)[] tasks) => $$"""
        apiVersion: genie.dev/v1
        kind: Job
        metadata: {name: {{name}}}
        spec:
          retry: {limit: 5, delay: 1s}
          tasks:
        {{string.Join("\n", tasks.Select(t => $$"""
            - name: {{t.Name}}{{(t.After is null ? "" : $"\n      dependsOn: [{t.After}]")}}
              script: 'echo "$GENIE_TASK of $GENIE_RUN_ID"; sleep 0.2; {{ledger.AppendLine}}'
        """))}}
        """;
}
