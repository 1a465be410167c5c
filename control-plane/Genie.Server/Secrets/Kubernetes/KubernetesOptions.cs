namespace Genie.Server.Secrets.Kubernetes;

/// <summary>
/// How Genie reaches the Kubernetes API to keep its secrets there (section `Genie:Kubernetes`). Exactly one of
/// <see cref="ApiUrl"/>, <see cref="Kubeconfig"/> and <see cref="InCluster"/> turns the sync on; with none, nothing
/// is written to Kubernetes. The Secrets go to the pods' namespace, `Genie:Airflow:KubernetesNamespace`.
/// </summary>
public sealed class KubernetesOptions
{
    public const string Section = "Genie:Kubernetes";

    /// <summary>The API server's URL, e.g. `https://10.0.0.1:6443`; sent <see cref="AccessToken"/> as a bearer token when set.</summary>
    public string? ApiUrl { get; set; }

    /// <summary>A bearer token for <see cref="ApiUrl"/>.</summary>
    public string? AccessToken { get; set; }

    /// <summary>A kubeconfig file to read the cluster and credentials from.</summary>
    public string? Kubeconfig { get; set; }

    /// <summary>The kubeconfig context to use; empty for its current context.</summary>
    public string? Context { get; set; }

    /// <summary>Use the pod's service account, when Genie itself runs in the cluster.</summary>
    public bool InCluster { get; set; }

    /// <summary>How long one call to the API may take before it counts as failed (and the reconcile retries later).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether any way to reach Kubernetes is configured.</summary>
    public static bool IsConfigured(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        return !string.IsNullOrWhiteSpace(section[nameof(ApiUrl)])
               || !string.IsNullOrWhiteSpace(section[nameof(Kubeconfig)])
               || section.GetValue<bool>(nameof(InCluster));
    }
}
