using Genie.Core.Specs;

namespace Genie.Core.Airflow;

/// <summary>
/// Airflow task ids in a Genie DAG. A Genie task keeps its name as task id. The DAG also holds a few
/// tasks Genie adds to reproduce its run semantics (MAPPING.md): <c>NAME__when</c> evaluates a task's
/// <c>when</c> conditions, <c>NAME__optional</c> finishes after an optional task whatever its outcome,
/// and <c>genie__outcome</c> decides the DAG run's final state. Task names are DNS-1123 labels, which
/// never contain "_", so the two kinds can never collide and are told apart by <see cref="IsGenieTask"/>.
/// </summary>
public static class AirflowTaskIds
{
    /// <summary>The task that decides the DAG run's state by Genie's outcome rule.</summary>
    public const string Outcome = "genie__outcome";

    /// <summary>The task id of Genie task <paramref name="task"/>.</summary>
    public static string For(string task) => task;

    /// <summary>The short-circuit task that skips <paramref name="task"/> when its conditions do not hold.</summary>
    public static string WhenGate(string task) => task + "__when";

    /// <summary>The task after optional <paramref name="task"/> that downstream tasks wait on instead.</summary>
    public static string OptionalBarrier(string task) => task + "__optional";

    /// <summary>Whether <paramref name="taskId"/> is a Genie task (and not one Genie added).</summary>
    public static bool IsGenieTask(string taskId) => SpecNames.IsDns1123Label(taskId);
}
