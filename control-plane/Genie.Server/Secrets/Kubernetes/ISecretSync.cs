namespace Genie.Server.Secrets.Kubernetes;

/// <summary>
/// A copy of Genie's secrets kept elsewhere, told of each write after it is committed. Calls never throw but for
/// cancellation: the copy failing must not fail the write, which is already done; a periodic reconcile repairs it.
/// </summary>
public interface ISecretSync
{
    /// <summary>The secret was created or rotated.</summary>
    Task WrittenAsync(string ns, string name, CancellationToken cancellationToken);

    Task DeletedAsync(string ns, string name, CancellationToken cancellationToken);
}
