using Genie.Core.Airflow;

namespace Genie.Server.Executors.Airflow;

/// <summary>How Genie drives Airflow (section `Genie:Airflow`, next to the client's connection settings).</summary>
public sealed class AirflowExecutionOptions
{
    public const string Section = "Genie:Airflow";

    /// <summary>Airflow version the generated DAGs target (parameter types differ between 3.0/3.1 and 3.2).</summary>
    public AirflowTarget Target { get; set; } = AirflowTarget.V3_2;

    /// <summary>Kubernetes namespace the pods run in.</summary>
    public string KubernetesNamespace { get; set; } = "default";

    /// <summary>Airflow pool every task uses; null for Airflow's default pool.</summary>
    public string? Pool { get; set; }

    /// <summary>Bearer token the listener plugin sends to `/api/v1/airflow/events`; events are refused without it.</summary>
    public string? ListenerToken { get; set; }

    /// <summary>How long a run waits for Airflow to parse a newly published DAG before it fails.</summary>
    public TimeSpan ParseTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a run waits out an Airflow that stays unreachable (every call's retries spent) before it fails.</summary>
    public TimeSpan UnreachableTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Reconcile interval: how often active runs are polled when no listener event arrives.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    public DagCompilerOptions CompilerOptions => new(Target, KubernetesNamespace, Pool);
}
