using Genie.Server.Housekeeping;

namespace Genie.Server.Secrets.Kubernetes;

/// <summary>
/// The housekeeping pass that repairs Kubernetes' copy of the secrets. Any secret it could not fix makes the pass
/// fail, so the failure shows as the task's last outcome until a later pass succeeds.
/// </summary>
public sealed class KubernetesSecretReconcile(KubernetesSecretSync sync) : IHousekeepingTask
{
    public const string TaskName = "kubernetes-secret-sync";

    public string Name => TaskName;

    public string Description => "Makes the Kubernetes Secrets of Genie's secrets match them and deletes Genie's orphaned ones";

    // The outcome is one line in the housekeeping listing; a cluster-wide problem would otherwise repeat per secret.
    private const int ListedFailures = 5;

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var result = await sync.ReconcileAsync(cancellationToken);
        if (result.Failures.Count == 0)
        {
            return result.Summary;
        }

        var listed = string.Join("; ", result.Failures.Take(ListedFailures));
        var more = result.Failures.Count > ListedFailures ? $"; and {result.Failures.Count - ListedFailures} more" : "";
        throw new KubernetesSyncException($"{result.Failures.Count} Kubernetes Secret(s) could not be synced ({result.Summary}): {listed}{more}");
    }
}
