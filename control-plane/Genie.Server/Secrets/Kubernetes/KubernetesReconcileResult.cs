namespace Genie.Server.Secrets.Kubernetes;

/// <summary>What one reconcile pass did to the Kubernetes Secrets, and which Genie secrets or Secrets it could not fix and why.</summary>
public sealed record KubernetesReconcileResult(int Created, int Updated, int Deleted, int Unchanged, IReadOnlyList<string> Failures)
{
    public string Summary => $"created {Created}, updated {Updated}, deleted {Deleted} orphaned, {Unchanged} already current";
}
