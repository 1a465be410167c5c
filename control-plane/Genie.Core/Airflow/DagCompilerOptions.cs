namespace Genie.Core.Airflow;

/// <summary>
/// Deployment settings that shape every generated DAG: the Airflow release, the Kubernetes namespace
/// pods run in, and optionally the Airflow pool of Genie's tasks, the pods' service account and the
/// Airflow connection the KubernetesPodOperator uses (null leaves Airflow's default).
/// </summary>
public sealed record DagCompilerOptions(
    AirflowTarget Target = AirflowTarget.V3_2,
    string KubernetesNamespace = "default",
    string? Pool = null,
    string? ServiceAccountName = null,
    string? KubernetesConnectionId = null);
