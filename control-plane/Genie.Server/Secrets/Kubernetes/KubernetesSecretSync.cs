using System.Net;
using Genie.Core.Airflow;
using Genie.Server.Executors.Airflow;
using Genie.Server.Store;
using Microsoft.Extensions.Options;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Genie.Server.Secrets.Kubernetes;

/// <summary>
/// Keeps one Kubernetes Secret per Genie secret in the pods' namespace, for the KubernetesPodOperator's `secrets=`.
/// Each committed create, rotate and delete is copied at once; <see cref="ReconcileAsync"/> repairs whatever that
/// missed (Kubernetes down, Genie stopped between the commit and the copy, someone editing a Secret). Only Secrets
/// with Genie's label are ever replaced or deleted.
/// </summary>
public sealed class KubernetesSecretSync(
    IKubernetes kubernetes,
    SecretStore store,
    SecretCipher cipher,
    IOptions<AirflowExecutionOptions> airflow,
    IOptions<KubernetesOptions> options,
    ILogger<KubernetesSecretSync> logger) : ISecretSync
{
    private string PodNamespace => airflow.Value.KubernetesNamespace;

    public async Task WrittenAsync(string ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            // The row as it is now, not as this write left it: of two rotations racing, the later copy then carries
            // the values that won in the database.
            if (await store.GetAsync(ns, name, cancellationToken) is { } row)
            {
                var desired = Desired(row);
                await ApplyAsync(desired, await ReadAsync(desired.Metadata.Name, cancellationToken), cancellationToken);
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogLeftToReconcile(ns, name, e);
        }
    }

    public async Task DeletedAsync(string ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            if (await ReadAsync(KubernetesSecretNames.For(ns, name), cancellationToken) is { } existing && KubernetesSecretManifest.IsGenies(existing))
            {
                await DeleteAsync(existing, cancellationToken);
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogLeftToReconcile(ns, name, e);
        }
    }

    /// <summary>
    /// Makes Kubernetes match the database: creates missing Secrets, replaces changed ones, deletes Genie's Secrets
    /// whose secret is gone. A failure for one secret does not stop the others; all are in the result. Throws when
    /// the Secrets cannot even be listed.
    /// </summary>
    public async Task<KubernetesReconcileResult> ReconcileAsync(CancellationToken cancellationToken)
    {
        var rows = await store.ListAllAsync(cancellationToken);
        V1SecretList listed;
        try
        {
            listed = await kubernetes.CoreV1.ListNamespacedSecretAsync(
                PodNamespace, labelSelector: KubernetesSecretManifest.Selector, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new KubernetesSyncException(
                $"the Secrets in Kubernetes namespace {PodNamespace} could not be listed ({Describe(e)}); {rows.Count} secret(s) wait for the next pass");
        }

        // The label selector is the server's to apply; checking it again keeps a misbehaving server from making
        // Genie delete a Secret that is not its own.
        var existing = listed.Items.Where(KubernetesSecretManifest.IsGenies).ToDictionary(s => s.Metadata.Name, StringComparer.Ordinal);
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        var failures = new List<string>();
        int created = 0, updated = 0, unchanged = 0, deleted = 0;
        foreach (var row in rows)
        {
            var name = KubernetesSecretNames.For(row.Namespace, row.Name);
            wanted.Add(name);
            try
            {
                switch (await ApplyAsync(Desired(row), existing.GetValueOrDefault(name), cancellationToken))
                {
                    case Change.Created: created++; break;
                    case Change.Updated: updated++; break;
                    default: unchanged++; break;
                }
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                failures.Add($"{row.Namespace}/{row.Name} as {name}: {Describe(e)}");
            }
        }

        foreach (var orphan in existing.Values.Where(s => !wanted.Contains(s.Metadata.Name)))
        {
            try
            {
                await DeleteAsync(orphan, cancellationToken);
                deleted++;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                failures.Add($"orphaned {orphan.Metadata.Name}: {Describe(e)}");
            }
        }

        return new KubernetesReconcileResult(created, updated, deleted, unchanged, failures);
    }

    private V1Secret Desired(StoredSecret row) =>
        KubernetesSecretManifest.For(row, cipher.Open(row.Namespace, row.Name, new SealedValues(row.KeyId, row.Nonce, row.Ciphertext)), PodNamespace);

    private async Task<Change> ApplyAsync(V1Secret desired, V1Secret? existing, CancellationToken cancellationToken)
    {
        var name = desired.Metadata.Name;
        if (existing is null)
        {
            try
            {
                await kubernetes.CoreV1.CreateNamespacedSecretAsync(desired, PodNamespace, cancellationToken: cancellationToken);
                return Change.Created;
            }
            catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.Conflict)
            {
                // Created meanwhile, or someone else's Secret of that name: look before touching it.
                existing = await ReadAsync(name, cancellationToken)
                           ?? throw new KubernetesSyncException($"Secret {name} was created and deleted again while Genie wrote it");
            }
        }

        if (!KubernetesSecretManifest.IsGenies(existing))
        {
            throw new KubernetesSyncException(
                $"a Secret named {name} exists without the label {KubernetesSecretManifest.Selector}; Genie leaves it alone (rename or label it)");
        }

        if (KubernetesSecretManifest.Matches(existing, desired))
        {
            return Change.Unchanged;
        }

        // The version read makes the replace fail rather than overwrite a change made since.
        desired.Metadata.ResourceVersion = existing.Metadata.ResourceVersion;
        await kubernetes.CoreV1.ReplaceNamespacedSecretAsync(desired, name, PodNamespace, cancellationToken: cancellationToken);
        return Change.Updated;
    }

    private async Task DeleteAsync(V1Secret secret, CancellationToken cancellationToken)
    {
        try
        {
            await kubernetes.CoreV1.DeleteNamespacedSecretAsync(secret.Metadata.Name, PodNamespace,
                new V1DeleteOptions { Preconditions = new V1Preconditions { ResourceVersion = secret.Metadata.ResourceVersion } },
                cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            // Gone already, which is what was wanted.
        }
    }

    private async Task<V1Secret?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return await kubernetes.CoreV1.ReadNamespacedSecretAsync(name, PodNamespace, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private void LogLeftToReconcile(string ns, string name, Exception e) =>
        logger.LogWarning("Secret {Namespace}/{Secret} is saved but its Kubernetes Secret {KubernetesSecret} was not updated ({Reason}); " +
                          "the next {Task} pass retries", ns, name, KubernetesSecretNames.For(ns, name), Describe(e), KubernetesSecretReconcile.TaskName);

    // One line for logs and the housekeeping outcome: a status or a connection error, never a response body, which
    // an API server may fill with what it was sent.
    private string Describe(Exception e) => e switch
    {
        HttpOperationException { Response: { } response } => $"Kubernetes answered {(int)response.StatusCode} {response.StatusCode}",
        HttpRequestException http => http.InnerException is { } inner ? $"{http.Message} {inner.Message}" : http.Message,
        OperationCanceledException => $"no answer within {options.Value.RequestTimeout}",
        KubernetesSyncException or SecretKeyException => e.Message,
        _ => $"{e.GetType().Name}: {e.Message}",
    };

    private enum Change
    {
        Created,
        Updated,
        Unchanged,
    }
}
