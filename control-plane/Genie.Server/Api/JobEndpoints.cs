using Genie.Client.Contracts;
using Genie.Core.Access;
using Genie.Core.Labels;
using Genie.Core.Specs;
using Genie.Server.Access;
using Genie.Server.Jobs;
using Genie.Server.Secrets;
using Genie.Server.Store;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Genie.Server.Api;

/// <summary>The jobs resource: apply, read, list, version history and delete.</summary>
public static class JobEndpoints
{
    private const string ApplyTitle = "The job spec is invalid";

    public static RouteGroupBuilder MapJobApi(this RouteGroupBuilder api)
    {
        var jobs = api.MapGroup("/namespaces/{ns}/jobs").WithTags("Jobs");
        jobs.MapPut("/{name}", ApplyAsync).ForOperators()
            .WithSummary("Apply a job spec: creates the job, records a new version, or does nothing when unchanged");
        jobs.MapGet("/", ListInNamespaceAsync).ForViewers().WithSummary("List the live jobs of a namespace");
        jobs.MapGet("/{name}", GetAsync).ForViewers().WithSummary("Read a job and its current version");
        jobs.MapGet("/{name}/source", GetSourceAsync).ForViewers().WithSummary("The current version exactly as it was applied");
        jobs.MapDelete("/{name}", DeleteAsync).ForOperators().WithSummary("Delete a job; its versions stay readable");
        jobs.MapGet("/{name}/versions", ListVersionsAsync).ForViewers().WithSummary("A job's versions, newest first");
        jobs.MapGet("/{name}/versions/{version}", GetVersionAsync).ForViewers().WithSummary("One version with its definition");
        jobs.MapGet("/{name}/versions/{version}/source", GetVersionSourceAsync).ForViewers().WithSummary("One version exactly as it was applied");

        api.MapGet("/jobs", ListAllAsync).ForAnyCaller().WithTags("Jobs").WithSummary("List the live jobs of every namespace");
        api.MapPost("/validate", ValidateAsync).ForAnyCaller().WithTags("Jobs")
            .WithSummary("Validate a spec without storing it (dry run)");
        return api;
    }

    private static async Task<Results<Created<ApplyResult>, Ok<ApplyResult>, ProblemHttpResult>> ApplyAsync(
        string ns, string name, HttpContext context, JobApplication application, IOptions<SpecLimits> limits,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        [FromHeader(Name = "If-None-Match")] string? ifNoneMatch,
        [FromQuery] string? dryRun,
        [FromQuery] string? source,
        CancellationToken cancellationToken)
    {
        if (dryRun is not (null or "true" or "false"))
        {
            return ApiProblems.Invalid("query.dryRun", "must be true or false");
        }

        if (source is not null && !JobSourceName.IsValid(source))
        {
            return ApiProblems.Invalid("query.source", JobSourceName.Rule);
        }

        var (document, problem) = await SpecDocumentReader.ReadAsync(context.Request, limits.Value, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var applied = await application.ApplyAsync(
            document!, ns, name, new JobPrecondition(ifMatch, ifNoneMatch), dryRun == "true", context.User, source, cancellationToken);
        if (applied.Forbidden is { } forbidden)
        {
            return ApiProblems.Status(StatusCodes.Status403Forbidden, "Forbidden", forbidden);
        }

        if (applied.Write is not { } write)
        {
            return ApiProblems.Invalid(ApplyTitle, applied.Errors);
        }

        if (write.Status == JobWriteStatus.PreconditionFailed)
        {
            return ApiProblems.PreconditionFailed(write.Job is null
                ? $"Job {ns}/{name} does not exist, so If-Match cannot hold."
                : $"Job {ns}/{name} is at {JobPrecondition.ETagOf(write.Job.Version)}; read it again and retry.");
        }

        var job = write.Job!;
        context.Response.Headers.ETag = JobPrecondition.ETagOf(job.Version);
        var outcome = applied.Outcome;
        var result = new ApplyResult(outcome, dryRun == "true", job.ToResource());
        return outcome == ApplyOutcome.Created
            ? TypedResults.Created($"{ApiRoutes.Root}/namespaces/{ns}/jobs/{name}", result)
            : TypedResults.Ok(result);
    }

    private static async Task<Results<Ok<JobResource>, ProblemHttpResult>> GetAsync(
        string ns, string name, HttpContext context, JobStore store, CancellationToken cancellationToken)
    {
        var (job, problem) = await FindAsync(ns, name, store, cancellationToken);
        if (job is null)
        {
            return problem!;
        }

        context.Response.Headers.ETag = JobPrecondition.ETagOf(job.Version);
        return TypedResults.Ok(job.ToResource());
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetSourceAsync(
        string ns, string name, JobStore store, CancellationToken cancellationToken)
    {
        var (job, problem) = await FindAsync(ns, name, store, cancellationToken);
        if (job is null)
        {
            return problem!;
        }

        var version = await store.GetVersionAsync(ns, name, job.Version, cancellationToken);
        return version is null ? ApiProblems.NotFound($"Job {ns}/{name} has no version {job.Version}.") : Source(version);
    }

    private static Task<Results<Ok<Page<JobResource>>, ProblemHttpResult>> ListInNamespaceAsync(
        string ns, JobStore store, TimeProvider time, string? group, string? labelSelector, string? source, string? limit, string? cursor,
        CancellationToken cancellationToken) =>
        ListAsync(ns, null, store, time, group, labelSelector, source, limit, cursor, cancellationToken);

    private static Task<Results<Ok<Page<JobResource>>, ProblemHttpResult>> ListAllAsync(
        HttpContext context, JobStore store, TimeProvider time, string? group, string? labelSelector, string? source, string? limit,
        string? cursor, CancellationToken cancellationToken) =>
        ListAsync(null, context.User.Grants().Namespaces(), store, time, group, labelSelector, source, limit, cursor, cancellationToken);

    private static async Task<Results<Ok<Page<JobResource>>, ProblemHttpResult>> ListAsync(
        string? ns, IReadOnlySet<string>? visible, JobStore store, TimeProvider time, string? group, string? labelSelector,
        string? source, string? limit, string? cursor, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        if (source is not null && !JobSourceName.IsValid(source))
        {
            errors.Add(new FieldError("query.source", JobSourceName.Rule));
        }

        if (!LabelSelector.TryParse(labelSelector, out var selector, out var selectorError))
        {
            errors.Add(new FieldError("query.labelSelector", selectorError!));
        }

        if (group is not null && !SpecNames.IsDns1123Label(group))
        {
            errors.Add(new FieldError("query.group", "must be a DNS-1123 label"));
        }

        if (!PageCursor.TryReadLimit(limit, out var pageSize))
        {
            errors.Add(new FieldError("query.limit", PageCursor.LimitRule));
        }

        if (!PageCursor.TryDecode(cursor, 2, out var after))
        {
            errors.Add(new FieldError("query.cursor", "is not a cursor returned by this listing"));
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Invalid("The listing query is invalid", errors);
        }

        var query = new JobQuery(ns, group, selector, after.Length == 2 ? (after[0], after[1]) : null, pageSize + 1, visible, source);
        var jobs = await store.ListAsync(query, cancellationToken);
        var page = jobs.Take(pageSize).ToList();
        var next = jobs.Count > pageSize ? PageCursor.Encode(page[^1].Namespace, page[^1].Name) : null;
        var now = time.GetUtcNow();
        return TypedResults.Ok(new Page<JobResource>(
            page.Select(j => j.ToResource() with { Activity = j.Activity?.ToResource(now) }).ToList(), next));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string ns, string name, HttpContext context, [AsParameters] JobServices services, [FromHeader(Name = "If-Match")] string? ifMatch,
        CancellationToken cancellationToken)
    {
        var write = await services.Store.DeleteAsync(ns, name, new JobPrecondition(ifMatch, null), context.User.Actor(), cancellationToken);
        if (write.Status == JobWriteStatus.Deleted && services.Dags is { } dags)
        {
            // Airflow drops the DAG when its file leaves the bundle; the job's history stays in Genie.
            await dags.RemoveAsync(ns, name, cancellationToken);
        }

        if (write.Status == JobWriteStatus.Deleted)
        {
            await services.Schedules.SyncJobAfterChangeAsync(ns, name, cancellationToken);
        }

        return write.Status switch
        {
            JobWriteStatus.Deleted => TypedResults.NoContent(),
            JobWriteStatus.PreconditionFailed => ApiProblems.PreconditionFailed(
                $"Job {ns}/{name} is at {JobPrecondition.ETagOf(write.Job!.Version)}; read it again and retry."),
            _ => ApiProblems.NotFound($"Job {ns}/{name} does not exist."),
        };
    }

    private static async Task<Results<Ok<Page<JobVersionResource>>, ProblemHttpResult>> ListVersionsAsync(
        string ns, string name, JobStore store, string? limit, string? cursor, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        if (!PageCursor.TryReadLimit(limit, out var pageSize))
        {
            errors.Add(new FieldError("query.limit", PageCursor.LimitRule));
        }

        int? before = null;
        if (!PageCursor.TryDecode(cursor, 1, out var after) || (after.Length == 1 && !TryParseVersion(after[0], out before)))
        {
            errors.Add(new FieldError("query.cursor", "is not a cursor returned by this listing"));
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Invalid("The listing query is invalid", errors);
        }

        var versions = await store.ListVersionsAsync(ns, name, before, pageSize + 1, cancellationToken);
        if (versions is null)
        {
            return ApiProblems.NotFound($"Job {ns}/{name} has never existed.");
        }

        var page = versions.Take(pageSize).ToList();
        var next = versions.Count > pageSize ? PageCursor.Encode(page[^1].Version.ToString(System.Globalization.CultureInfo.InvariantCulture)) : null;
        return TypedResults.Ok(new Page<JobVersionResource>(page.Select(v => v.ToResource()).ToList(), next));
    }

    private static async Task<Results<Ok<JobVersionResource>, ProblemHttpResult>> GetVersionAsync(
        string ns, string name, string version, JobStore store, CancellationToken cancellationToken)
    {
        var (found, problem) = await FindVersionAsync(ns, name, version, store, cancellationToken);
        return found is null ? problem! : TypedResults.Ok(found.ToResource());
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetVersionSourceAsync(
        string ns, string name, string version, JobStore store, CancellationToken cancellationToken)
    {
        var (found, problem) = await FindVersionAsync(ns, name, version, store, cancellationToken);
        return found is null ? problem! : Source(found);
    }

    private static async Task<Results<Ok<ValidationReport>, ProblemHttpResult>> ValidateAsync(
        HttpContext context, IOptions<SpecLimits> limits, IOptions<GenieOptions> genie, SecretReferenceCheck secretReferences,
        CancellationToken cancellationToken)
    {
        var (document, problem) = await SpecDocumentReader.ReadAsync(context.Request, limits.Value, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (submission, errors) = SpecSubmission.Prepare(document!, ns: null, expectedName: null, limits.Value, genie.Value.DefaultExecutor);
        if (submission is null)
        {
            return ApiProblems.Invalid(ApplyTitle, errors);
        }

        // Secret references are checked as apply would, for a caller who may list the namespace's secret names anyway;
        // for anyone else the answer must not tell which secrets exist there, and apply checks them.
        if (context.User.Grants().Allows(NamespaceRole.Operator, submission.Namespace)
            && await secretReferences.CheckAsync(submission.Namespace, submission.Secrets, cancellationToken) is { Count: > 0 } secretErrors)
        {
            return ApiProblems.Invalid(ApplyTitle, secretErrors);
        }

        return TypedResults.Ok(new ValidationReport(true, submission.Namespace, submission.Name, submission.ContentHash,
            JobResourceMapping.ParseJson(submission.DefinitionJson)));
    }

    private static async Task<(StoredJob? Job, ProblemHttpResult? Problem)> FindAsync(
        string ns, string name, JobStore store, CancellationToken cancellationToken)
    {
        var job = await store.GetAsync(ns, name, cancellationToken);
        return job is null ? (null, ApiProblems.NotFound($"Job {ns}/{name} does not exist.")) : (job, null);
    }

    private static async Task<(StoredJobVersion? Version, ProblemHttpResult? Problem)> FindVersionAsync(
        string ns, string name, string version, JobStore store, CancellationToken cancellationToken)
    {
        // RouteValueCheck has already answered 400 for anything but a positive whole number.
        var number = int.Parse(version, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture);
        var found = await store.GetVersionAsync(ns, name, number, cancellationToken);
        return found is null ? (null, ApiProblems.NotFound($"Job {ns}/{name} has no version {number}.")) : (found, null);
    }

    private static bool TryParseVersion(string text, out int? version)
    {
        var ok = int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0;
        version = ok ? value : null;
        return ok;
    }

    private static ContentHttpResult Source(StoredJobVersion version) =>
        TypedResults.Text(version.SourceText, version.SourceFormat == "json" ? "application/json" : "application/yaml", System.Text.Encoding.UTF8);
}
