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

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var result = await sync.ReconcileAsync(cancellationToken);
        return result.Failures.Count == 0
            ? result.Summary
            : throw new KubernetesSyncException(
                $"{result.Failures.Count} Kubernetes Secret(s) could not be synced ({result.Summary}): {string.Join("; ", result.Failures)}");
    }
}
