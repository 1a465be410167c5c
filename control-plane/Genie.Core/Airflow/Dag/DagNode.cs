using Genie.Core.Specs;

namespace Genie.Core.Airflow.Dag;

/// <summary>
/// One Airflow task of a generated DAG: its id, the Python variable it is bound to, what it is, its
/// trigger rule, the task ids it depends on directly, and the Genie task it runs or serves.
/// </summary>
internal sealed record DagNode(string TaskId, string Variable, DagNodeKind Kind, string TriggerRule, IReadOnlyList<string> Upstream, TaskSpec? Task);

/// <summary>What a <see cref="DagNode"/> is.</summary>
internal enum DagNodeKind
{
    /// <summary>A command or script task: a KubernetesPodOperator, mapped when it has replicas.</summary>
    Pod,

    /// <summary>A job task: a TriggerDagRunOperator.</summary>
    ChildJob,

    /// <summary>A ShortCircuitOperator that skips its task when the task's <c>when</c> conditions do not hold.</summary>
    WhenGate,

    /// <summary>An EmptyOperator after an optional task that finishes whatever the task's outcome.</summary>
    OptionalBarrier,

    /// <summary>The EmptyOperator that is the DAG's only leaf and fails when Genie's run would fail.</summary>
    Outcome,
}
