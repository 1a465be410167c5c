namespace Genie.Server.Jobs;

/// <summary>What a write to a job did, or why it did nothing.</summary>
public enum JobWriteStatus
{
    Created,
    Updated,
    Unchanged,
    Deleted,
    NotFound,
    PreconditionFailed,
}

/// <summary>The outcome of a job write and the job as it is afterwards (null when there is none).</summary>
public sealed record JobWrite(JobWriteStatus Status, StoredJob? Job);
