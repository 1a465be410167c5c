namespace Genie.Cli.Jobs;

/// <summary>What `apply` did, or `plan` would do, to one job; <see cref="Diff"/> is the spec's unified diff of a change.</summary>
public sealed record JobChange(string Namespace, string Name, string Action, int? Version, string? File, string? Diff = null)
{
    public const string Created = "created";
    public const string Changed = "changed";
    public const string Unchanged = "unchanged";
    public const string Deleted = "deleted";

    public bool IsChange => Action != Unchanged;
}
