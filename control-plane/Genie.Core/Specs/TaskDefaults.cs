namespace Genie.Core.Specs;

/// <summary>Settings every task of a job inherits unless it sets its own.</summary>
public sealed record TaskDefaults
{
    /// <summary>No defaults.</summary>
    public static TaskDefaults Empty { get; } = new();

    /// <summary>Container image; may contain <c>${{ params.NAME }}</c>.</summary>
    public string? Image { get; init; }

    /// <summary>CPU and memory.</summary>
    public ResourceSpec? Resources { get; init; }

    /// <summary>Environment variables; values may contain <c>${{ params.NAME }}</c>.</summary>
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    /// <summary>Secrets exposed as environment variables.</summary>
    public IReadOnlyList<SecretRef> Secrets { get; init; } = [];

    /// <summary>Node labels a pod must match (Airflow executor).</summary>
    public IReadOnlyDictionary<string, string> NodeSelector { get; init; } = new Dictionary<string, string>();

    /// <summary>Taints a pod tolerates (Airflow executor).</summary>
    public IReadOnlyList<Toleration> Tolerations { get; init; } = [];
}
