using System.Globalization;
using Genie.Client.Contracts;
using Genie.Core.Runs;
using Genie.Core.Specs;
using Genie.Server.Access;
using Genie.Server.Api;
using Genie.Server.Executors.Local;
using Genie.Server.Store;
using Genie.Server.Telemetry;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Genie.Server.Runs;

/// <summary>The runs resource: trigger, list, read, cancel, retry, suspend, resume and task logs.</summary>
public static class RunEndpoints
{
    private static readonly TriggerFieldPaths FieldPaths = new("body.params", "body.delay", "header.Idempotency-Key");

    public static RouteGroupBuilder MapRunApi(this RouteGroupBuilder api)
    {
        api.MapPost("/namespaces/{ns}/jobs/{name}/runs", TriggerAsync).ForOperators().WithTags("Runs")
            .WithSummary("Trigger a run now, at a time (`at`) or after a delay (`delay`); `Idempotency-Key` makes retries safe");

        var runs = api.MapGroup("/namespaces/{ns}/runs").WithTags("Runs");
        runs.MapGet("/", ListAsync).ForViewers().WithSummary("Runs of a namespace, newest first; filter by job, state and creation time");
        runs.MapGet("/{id}", GetAsync).ForViewers().WithSummary("A run with its tasks and every attempt");
        runs.MapPost("/{id}/cancel", (string ns, string id, HttpContext context, RunControl control, IOptions<TracingOptions> tracing, CancellationToken ct) =>
            ControlAsync(ns, id, tracing.Value, runId => control.CancelAsync(ns, runId, context.User.Actor(), ct))).ForOperators().WithSummary("Cancel a run and its child runs");
        runs.MapPost("/{id}/suspend", (string ns, string id, HttpContext context, RunControl control, IOptions<TracingOptions> tracing, CancellationToken ct) =>
            ControlAsync(ns, id, tracing.Value, runId => control.SuspendAsync(ns, runId, context.User.Actor(), ct))).ForOperators().WithSummary("Start no new tasks until resumed");
        runs.MapPost("/{id}/resume", (string ns, string id, HttpContext context, RunControl control, IOptions<TracingOptions> tracing, CancellationToken ct) =>
            ControlAsync(ns, id, tracing.Value, runId => control.ResumeAsync(ns, runId, context.User.Actor(), ct))).ForOperators().WithSummary("Resume a suspended run");
        runs.MapPost("/{id}/retry", RetryAsync).ForOperators().WithSummary("Run failed tasks (or all) of a finished run again");
        runs.MapGet("/{id}/tasks/{task}/logs", RunLogs.ReadAsync).ForViewers().WithSummary("An attempt's log: a range, the tail, or followed until it ends");
        return api;
    }

    private static async Task<Results<Created<RunResource>, Ok<RunResource>, ProblemHttpResult>> TriggerAsync(
        string ns, string name, HttpContext context, RunTrigger trigger, IOptions<SpecLimits> limits, IOptions<TracingOptions> tracing,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, CancellationToken cancellationToken)
    {
        var (request, problem) = await JsonBodyReader.ReadAsync(context.Request, new TriggerRunRequest(), cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (delay, errors) = TriggerRequestCheck.Check(request!.Params, request.At, request.Delay, idempotencyKey, limits.Value, FieldPaths);
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid("The trigger is invalid", errors);
        }

        var outcome = await trigger.TriggerAsync(context.User.Actor(), new TriggerCommand(ns, name, "api",
            JsonParams: request.Params ?? new Dictionary<string, System.Text.Json.JsonElement>(),
            NotBefore: request.At, Delay: delay, IdempotencyKey: idempotencyKey, Grants: context.User.Grants().Texts()), cancellationToken);
        return outcome.Status switch
        {
            TriggerStatus.Created => TypedResults.Created($"{ApiRoutes.Root}/namespaces/{ns}/runs/{outcome.Run!.Id}", outcome.Run.ToResource(tracing.Value)),
            TriggerStatus.Existing => TypedResults.Ok(outcome.Run!.ToResource(tracing.Value)),
            _ => TriggerProblems.Of(outcome)!,
        };
    }

    private static async Task<Results<Ok<Page<RunResource>>, ProblemHttpResult>> ListAsync(
        string ns, RunStore runs, IOptions<TracingOptions> tracing, string? job, string? state, string? since, string? until, string? limit,
        string? cursor, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        if (job is not null && !SpecNames.IsDns1123Label(job))
        {
            errors.Add(new FieldError("query.job", "must be a DNS-1123 label"));
        }

        if (state is not null && !RunStates.TryParse(state, out _))
        {
            errors.Add(new FieldError("query.state", $"must be one of: {RunStates.AllWireNames}"));
        }

        var sinceTime = ParseTime(since, "query.since", errors);
        var untilTime = ParseTime(until, "query.until", errors);
        if (!PageCursor.TryReadLimit(limit, out var pageSize))
        {
            errors.Add(new FieldError("query.limit", PageCursor.LimitRule));
        }

        DateTimeOffset? beforeCreatedAt = null;
        Guid? beforeId = null;
        if (!PageCursor.TryDecode(cursor, 2, out var after) ||
            (after.Length == 2 && !(long.TryParse(after[0], CultureInfo.InvariantCulture, out var ticks) && Guid.TryParse(after[1], out var id)
                                    && (beforeCreatedAt = new DateTimeOffset(ticks, TimeSpan.Zero)) is not null && (beforeId = id) is not null)))
        {
            errors.Add(new FieldError("query.cursor", "is not a cursor returned by this listing"));
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Invalid("The listing query is invalid", errors);
        }

        var found = await runs.ListAsync(new RunQuery(ns, job, state, sinceTime, untilTime, beforeCreatedAt, beforeId, pageSize + 1), cancellationToken);
        var page = found.Take(pageSize).ToList();
        var next = found.Count > pageSize
            ? PageCursor.Encode(page[^1].CreatedAt.Ticks.ToString(CultureInfo.InvariantCulture), page[^1].Id.ToString())
            : null;
        return TypedResults.Ok(new Page<RunResource>(page.Select(r => r.ToResource(tracing.Value)).ToList(), next));
    }

    private static async Task<Results<Ok<RunResource>, ProblemHttpResult>> GetAsync(
        string ns, string id, RunSnapshotStore snapshots, IOptions<TracingOptions> tracing, CancellationToken cancellationToken)
    {
        // Run, tasks and attempts as of one moment, so the run's state always agrees with its tasks'. RouteValueCheck has
        // already answered 400 for anything but a GUID.
        return await snapshots.ReadAsync(Guid.Parse(id), cancellationToken) is { } snapshot && snapshot.Run.Namespace == ns
            ? TypedResults.Ok(snapshot.Run.ToResource(tracing.Value, snapshot.Instances, snapshot.Attempts))
            : RunNotFound(ns, id);
    }

    private static async Task<Results<Ok<RunResource>, ProblemHttpResult>> RetryAsync(
        string ns, string id, HttpContext context, RunControl control, IOptions<TracingOptions> tracing, CancellationToken cancellationToken)
    {
        var (request, problem) = await JsonBodyReader.ReadAsync(context.Request, new RetryRunRequest(), cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        return request!.Mode is "failed" or "all"
            ? await ControlAsync(ns, id, tracing.Value, runId => control.RetryAsync(ns, runId, request.Mode == "all", context.User.Actor(), cancellationToken))
            : ApiProblems.Invalid("body.mode", "must be `failed` or `all`");
    }

    private static async Task<Results<Ok<RunResource>, ProblemHttpResult>> ControlAsync(
        string ns, string id, TracingOptions tracing, Func<Guid, Task<RunControlResult>> change)
    {
        // RouteValueCheck has already answered 400 for anything but a GUID.
        var result = await change(Guid.Parse(id));
        return result switch
        {
            { Run: null } => ApiProblems.NotFound($"Run {id} does not exist in namespace {ns}."),
            { Conflict: { } conflict } => ApiProblems.Status(StatusCodes.Status409Conflict, "Conflict", conflict),
            { Run: { } run } => TypedResults.Ok(run.ToResource(tracing)),
        };
    }

    internal static async Task<(RunRecord? Run, ProblemHttpResult? Problem)> FindAsync(
        string ns, string id, RunStore runs, CancellationToken cancellationToken)
    {
        // RouteValueCheck has already answered 400 for anything but a GUID.
        var run = await runs.GetAsync(Guid.Parse(id), cancellationToken);
        return run is null || run.Namespace != ns ? (null, RunNotFound(ns, id)) : (run, null);
    }

    private static ProblemHttpResult RunNotFound(string ns, string id) => ApiProblems.NotFound($"Run {id} does not exist in namespace {ns}.");

    private static DateTimeOffset? ParseTime(string? text, string path, List<FieldError> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            return value;
        }

        errors.Add(new FieldError(path, "must be an ISO-8601 time such as 2026-11-22T05:00:00Z"));
        return null;
    }
}
