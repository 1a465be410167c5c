using System.Security.Claims;
using Genie.Client.Contracts;
using Genie.Core.Access;
using Genie.Core.Specs;
using Genie.Server.Access;
using Genie.Server.Api;
using Genie.Server.Scheduling;
using Genie.Server.Secrets;
using Genie.Server.Store;
using Microsoft.Extensions.Options;

namespace Genie.Server.Jobs;

/// <summary>
/// Applying a spec, whichever API it came through (REST or gRPC): validation, the secret and foreign-namespace checks,
/// the write and the schedule's follow-up. The APIs only translate its <see cref="JobApplyOutcome"/> into their answers.
/// </summary>
public sealed class JobApplication(
    JobStore store, IOptions<SpecLimits> limits, IOptions<GenieOptions> genie, ScheduleSync schedules, SecretReferenceCheck secretReferences)
{
    public async Task<JobApplyOutcome> ApplyAsync(
        SpecDocument document, string ns, string name, JobPrecondition precondition, bool dryRun, ClaimsPrincipal caller,
        string? source, CancellationToken cancellationToken)
    {
        var (submission, errors) = SpecSubmission.Prepare(document, ns, name, limits.Value, genie.Value.DefaultExecutor);
        if (submission is null)
        {
            return JobApplyOutcome.Invalid(errors);
        }

        var secretErrors = await secretReferences.CheckAsync(ns, submission.Secrets, cancellationToken);
        if (secretErrors.Count > 0)
        {
            return JobApplyOutcome.Invalid(secretErrors);
        }

        // A job that triggers another namespace's jobs acts there on its applier's authority (on Airflow, the DAG
        // itself triggers them), so only someone who may trigger there may apply it.
        var grants = caller.Grants();
        var foreign = submission.ForeignChildren.Where(c => !grants.Allows(NamespaceRole.Operator, c.Namespace)).ToList();
        if (foreign.Count > 0)
        {
            return new JobApplyOutcome(null, [], "The job triggers jobs in namespaces where you may not trigger runs: " +
                string.Join("; ", foreign.Select(c => $"{c.Path} `{c.Namespace}` needs the operator role there")));
        }

        // A null source leaves the job's marker as it is (an apply from elsewhere does not take the job out of its source).
        var write = await store.ApplyAsync(submission with { Source = source }, precondition, dryRun, caller.Actor(), grants.Texts(), cancellationToken);
        if (!dryRun && write.Status is JobWriteStatus.Created or JobWriteStatus.Updated)
        {
            await schedules.SyncJobAfterChangeAsync(ns, name, cancellationToken);
        }

        return new JobApplyOutcome(write, [], null);
    }
}

/// <summary>
/// How an apply ended: <see cref="Write"/> when the store was reached (it may still have refused a precondition),
/// else the field <see cref="Errors"/> of an invalid spec or the <see cref="Forbidden"/> reason.
/// </summary>
public sealed record JobApplyOutcome(JobWrite? Write, IReadOnlyList<FieldError> Errors, string? Forbidden)
{
    public static JobApplyOutcome Invalid(IReadOnlyList<FieldError> errors) => new(null, errors, null);

    /// <summary>The outcome the API reports for a write that went through.</summary>
    public ApplyOutcome Outcome => Write?.Status switch
    {
        JobWriteStatus.Created => ApplyOutcome.Created,
        JobWriteStatus.Updated => ApplyOutcome.Updated,
        _ => ApplyOutcome.Unchanged,
    };
}
