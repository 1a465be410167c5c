namespace Genie.Core.Specs;

/// <summary>
/// What a job does and how it runs. Values fixed by the format's defaults are filled in (so an omitted
/// field and its default mean the same); values that tasks inherit or the server decides stay null.
/// </summary>
public sealed record JobSpec
{
    /// <summary>Largest priority magnitude, for jobs and tasks alike.</summary>
    public const int MaxPriority = 1000;

    /// <summary>Free text shown to people.</summary>
    public string? Description { get; init; }

    /// <summary>The backend to run on; null means the server's default.</summary>
    public ExecutorKind? Executor { get; init; }

    /// <summary>When the job runs by itself; null for a job that is only triggered.</summary>
    public ScheduleSpec? Schedule { get; init; }

    /// <summary>What a new run does while others are active; null means runs never wait for each other.</summary>
    public ConcurrencySpec? Concurrency { get; init; }

    /// <summary>Declared params, by name.</summary>
    public IReadOnlyDictionary<string, ParamSpec> Params { get; init; } = new Dictionary<string, ParamSpec>();

    /// <summary>Limit on a whole run (not inherited by tasks); null means no limit.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Retry policy every task inherits field by field.</summary>
    public RetrySpec? Retry { get; init; }

    /// <summary>Priority of the job's tasks relative to other work, -<see cref="MaxPriority"/>..<see cref="MaxPriority"/>; higher runs first.</summary>
    public int Priority { get; init; }

    /// <summary>Secrets every task gets as environment variables (the design's job-level form); a task's own win by variable.</summary>
    public IReadOnlyList<SecretRef> Secrets { get; init; } = [];

    /// <summary>Settings every task inherits.</summary>
    public TaskDefaults Defaults { get; init; } = TaskDefaults.Empty;

    /// <summary>Webhooks called on run state changes.</summary>
    public IReadOnlyList<NotifySpec> Notify { get; init; } = [];

    /// <summary>The tasks, in document order; at least one.</summary>
    public IReadOnlyList<TaskSpec> Tasks { get; init; } = [];
}
