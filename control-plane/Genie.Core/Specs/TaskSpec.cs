namespace Genie.Core.Specs;

/// <summary>
/// One task of a job. Exactly one of <see cref="Command"/>, <see cref="Script"/> and <see cref="Job"/> is
/// set (see <see cref="Kind"/>). A <c>job</c> task only triggers a child job, so it has no image, env,
/// secrets, resources, node selector, tolerations, replicas or skip exit codes.
/// Inherited settings are null or empty here; <see cref="ResolvedTask.Resolve"/> gives effective values.
/// </summary>
public sealed record TaskSpec
{
    /// <summary>The largest exit code a process can report, and so the largest in <see cref="SkipOnExitCodes"/>.</summary>
    public const int MaxExitCode = 255;

    /// <summary>DNS-1123 label, unique within the job.</summary>
    public required string Name { get; init; }

    /// <summary>Free text shown to people.</summary>
    public string? Description { get; init; }

    /// <summary>Container image; null inherits the job default.</summary>
    public string? Image { get; init; }

    /// <summary>Program and arguments, executed without a shell; empty unless <see cref="Kind"/> is <see cref="TaskKind.Command"/>.</summary>
    public IReadOnlyList<string> Command { get; init; } = [];

    /// <summary>Extra arguments appended to <see cref="Command"/>.</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Shell script run by <c>/bin/sh</c>; params arrive only as environment variables.</summary>
    public string? Script { get; init; }

    /// <summary>The child job this task triggers.</summary>
    public ChildJobSpec? Job { get; init; }

    /// <summary>Environment variables, merged over the job defaults.</summary>
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    /// <summary>Secrets, merged over the job defaults by environment variable name.</summary>
    public IReadOnlyList<SecretRef> Secrets { get; init; } = [];

    /// <summary>Compute resources, merged over the job defaults field by field.</summary>
    public ResourceSpec? Resources { get; init; }

    /// <summary>Node labels, merged over the job defaults.</summary>
    public IReadOnlyDictionary<string, string> NodeSelector { get; init; } = new Dictionary<string, string>();

    /// <summary>Tolerations, added to the job defaults.</summary>
    public IReadOnlyList<Toleration> Tolerations { get; init; } = [];

    /// <summary>Names of the tasks that must finish first.</summary>
    public IReadOnlyList<string> DependsOn { get; init; } = [];

    /// <summary>Parallel copies; each sees <c>GENIE_REPLICA_INDEX</c> and <c>GENIE_REPLICA_COUNT</c>.</summary>
    public int Replicas { get; init; } = 1;

    /// <summary>Conditions on params, all of which must hold for the task to run; otherwise it is skipped.</summary>
    public IReadOnlyList<TaskCondition> When { get; init; } = [];

    /// <summary>Which upstream outcomes let the task run.</summary>
    public RunIf RunIf { get; init; } = RunIf.Success;

    /// <summary>Whether the task may fail without failing the run.</summary>
    public bool Optional { get; init; }

    /// <summary>Retry settings, merged over the job's field by field.</summary>
    public RetrySpec? Retry { get; init; }

    /// <summary>Limit on one attempt; null means only the run's timeout applies.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Exit codes that mark the task skipped instead of failed.</summary>
    public IReadOnlyList<int> SkipOnExitCodes { get; init; } = [];

    /// <summary>Priority; null inherits the job's.</summary>
    public int? Priority { get; init; }

    /// <summary>Which of command, script or child job this task runs.</summary>
    public TaskKind Kind => Job is not null ? TaskKind.Job : Script is not null ? TaskKind.Script : TaskKind.Command;
}

/// <summary>What a task runs.</summary>
public enum TaskKind
{
    /// <summary>A program with arguments, executed directly.</summary>
    Command,

    /// <summary>A shell script.</summary>
    Script,

    /// <summary>A run of another job.</summary>
    Job,
}

/// <summary>Which upstream outcomes let a task run.</summary>
public enum RunIf
{
    /// <summary>Every upstream task succeeded or was skipped.</summary>
    Success,

    /// <summary>At least one upstream task failed; for clean-up and alerting tasks.</summary>
    Failure,

    /// <summary>Every upstream task finished, whatever its outcome.</summary>
    Always,
}
