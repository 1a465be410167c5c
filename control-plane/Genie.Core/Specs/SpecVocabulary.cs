namespace Genie.Core.Specs;

/// <summary>The words the spec uses for each enumeration, e.g. <c>cancel-running</c> for <see cref="ConflictPolicy.CancelRunning"/>.</summary>
public static class SpecVocabulary
{
    /// <summary><c>executor</c>: airflow, local.</summary>
    public static Vocabulary<ExecutorKind> Executor { get; } = new((ExecutorKind.Airflow, "airflow"), (ExecutorKind.Local, "local"));

    /// <summary><c>concurrency.onConflict</c>: queue, skip, cancel-running, allow.</summary>
    public static Vocabulary<ConflictPolicy> ConflictPolicy { get; } = new(
        (Specs.ConflictPolicy.Queue, "queue"), (Specs.ConflictPolicy.Skip, "skip"),
        (Specs.ConflictPolicy.CancelRunning, "cancel-running"), (Specs.ConflictPolicy.Allow, "allow"));

    /// <summary>Param <c>type</c>: string, integer, number, boolean.</summary>
    public static Vocabulary<ParamType> ParamType { get; } = new(
        (Specs.ParamType.String, "string"), (Specs.ParamType.Integer, "integer"),
        (Specs.ParamType.Number, "number"), (Specs.ParamType.Boolean, "boolean"));

    /// <summary><c>retry.backoff</c>: fixed, exponential.</summary>
    public static Vocabulary<BackoffKind> Backoff { get; } = new((BackoffKind.Fixed, "fixed"), (BackoffKind.Exponential, "exponential"));

    /// <summary><c>runIf</c>: success, failure, always.</summary>
    public static Vocabulary<RunIf> RunIf { get; } = new(
        (Specs.RunIf.Success, "success"), (Specs.RunIf.Failure, "failure"), (Specs.RunIf.Always, "always"));

    /// <summary><c>notify[].on</c>: the run states.</summary>
    public static Vocabulary<RunEvent> RunEvent { get; } = new(
        (Specs.RunEvent.Queued, "queued"), (Specs.RunEvent.Running, "running"), (Specs.RunEvent.Suspended, "suspended"),
        (Specs.RunEvent.Succeeded, "succeeded"), (Specs.RunEvent.Failed, "failed"),
        (Specs.RunEvent.Cancelled, "cancelled"), (Specs.RunEvent.Skipped, "skipped"));

    /// <summary><c>tolerations[].operator</c>: Equal, Exists (Kubernetes spelling).</summary>
    public static Vocabulary<TolerationOperator> TolerationOperator { get; } = new(
        (Specs.TolerationOperator.Equal, "Equal"), (Specs.TolerationOperator.Exists, "Exists"));

    /// <summary><c>tolerations[].effect</c>: NoSchedule, PreferNoSchedule, NoExecute (Kubernetes spelling).</summary>
    public static Vocabulary<TaintEffect> TaintEffect { get; } = new(
        (Specs.TaintEffect.NoSchedule, "NoSchedule"), (Specs.TaintEffect.PreferNoSchedule, "PreferNoSchedule"),
        (Specs.TaintEffect.NoExecute, "NoExecute"));

    /// <summary>The operator keys of a <c>when</c> condition: equals, notEquals, in.</summary>
    public static Vocabulary<ConditionOperator> ConditionOperator { get; } = new(
        (Specs.ConditionOperator.Equals, "equals"), (Specs.ConditionOperator.NotEquals, "notEquals"), (Specs.ConditionOperator.In, "in"));
}
