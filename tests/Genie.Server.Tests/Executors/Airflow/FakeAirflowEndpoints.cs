using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace Genie.Server.Tests.Executors.Airflow;

/// <summary>
/// The HTTP side of <see cref="FakeAirflow"/>: request recording, injected faults and bearer-token checks in front,
/// then the endpoints Genie's client uses, answering as Airflow 3.2 does (status codes and `detail` messages from
/// its route code).
/// </summary>
internal static partial class FakeAirflowEndpoints
{
    private const string BodyKey = "fake-airflow-body";
    private const int DefaultPageLimit = 50;

    private static readonly string[] TriggerFields =
        ["dag_run_id", "data_interval_start", "data_interval_end", "logical_date", "run_after", "conf", "note", "partition_key"];

    private static readonly string[] ClearFields =
    [
        "dry_run", "start_date", "end_date", "only_failed", "only_running", "reset_dag_runs", "task_ids", "dag_run_id",
        "include_upstream", "include_downstream", "include_future", "include_past", "run_on_latest_version", "prevent_running_task",
    ];

    public static void Map(WebApplication app, FakeAirflow airflow)
    {
        app.Use((context, next) => RecordAsync(context, next, airflow));
        app.Use((context, next) => InjectFaultsAsync(context, next, airflow));
        app.Use((context, next) => AuthenticateAsync(context, next, airflow));

        app.MapPost("/auth/token", (HttpContext context) => Login(context, airflow));
        var api = app.MapGroup("/api/v2");
        api.MapGet("/dags/{dagId}", (string dagId) => GetDag(airflow, dagId));
        api.MapPatch("/dags/{dagId}", (string dagId, HttpContext context) => PatchDag(airflow, dagId, context));
        api.MapGet("/importErrors", (HttpContext context) => ListImportErrors(airflow, context));
        api.MapPost("/dags/{dagId}/dagRuns", (string dagId, HttpContext context) => Trigger(airflow, dagId, context));
        api.MapGet("/dags/{dagId}/dagRuns/{runId}", (string dagId, string runId) => GetRun(airflow, dagId, runId));
        api.MapPatch("/dags/{dagId}/dagRuns/{runId}", (string dagId, string runId, HttpContext context) => PatchRun(airflow, dagId, runId, context));
        api.MapGet("/dags/{dagId}/dagRuns/{runId}/taskInstances", (string dagId, string runId, HttpContext context) => ListTaskInstances(airflow, dagId, runId, context));
        api.MapGet(
            "/dags/{dagId}/dagRuns/{runId}/taskInstances/{taskId}/logs/{tryNumber}",
            (string dagId, string runId, string taskId, string tryNumber, HttpContext context) => GetLog(airflow, dagId, runId, taskId, tryNumber, context));
        api.MapPost("/dags/{dagId}/clearTaskInstances", (string dagId, HttpContext context) => Clear(airflow, dagId, context));
        app.MapFallback(() => Results.Json(FakeAirflowJson.Error("Not Found"), statusCode: StatusCodes.Status404NotFound));
    }

    private static async Task RecordAsync(HttpContext context, RequestDelegate next, FakeAirflow airflow)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        context.Items[BodyKey] = body;
        try
        {
            await next(context);
        }
        finally
        {
            var request = context.Request;
            airflow.Record(new FakeAirflowRequest(
                request.Method,
                request.Path.Value ?? "",
                context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "",
                request.QueryString.Value ?? "",
                body,
                request.Headers.Authorization.ToString() is { Length: > 0 } authorization ? authorization : null,
                context.Response.StatusCode));
        }
    }

    private static async Task InjectFaultsAsync(HttpContext context, RequestDelegate next, FakeAirflow airflow)
    {
        TimeSpan? delay;
        int? failure;
        lock (airflow.Gate)
        {
            delay = airflow.Faults.TakeDelay();
            failure = airflow.Faults.TakeFailure(airflow.Time.GetUtcNow());
        }

        if (delay is { } wait)
        {
            await Task.Delay(wait, context.RequestAborted);
        }

        if (failure is { } status)
        {
            await Results.Json(FakeAirflowJson.Error("Injected failure of the fake Airflow"), statusCode: status).ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    private static async Task AuthenticateAsync(HttpContext context, RequestDelegate next, FakeAirflow airflow)
    {
        if (!context.Request.Path.StartsWithSegments("/api/v2"))
        {
            await next(context);
            return;
        }

        FakeTokenCheck check;
        lock (airflow.Gate)
        {
            check = airflow.Tokens.Use(context.Request.Headers.Authorization.ToString(), airflow.Time.GetUtcNow());
        }

        IResult? refusal = check switch
        {
            FakeTokenCheck.Missing => Results.Json(FakeAirflowJson.Error("Not authenticated"), statusCode: StatusCodes.Status401Unauthorized),
            FakeTokenCheck.Expired => Results.Json(FakeAirflowJson.Error("Token Expired"), statusCode: StatusCodes.Status401Unauthorized),
            FakeTokenCheck.Invalid => Results.Json(FakeAirflowJson.Error("Invalid JWT token"), statusCode: StatusCodes.Status403Forbidden),
            _ => null,
        };
        if (refusal is null)
        {
            await next(context);
            return;
        }

        await refusal.ExecuteAsync(context);
    }

    private static IResult Login(HttpContext context, FakeAirflow airflow)
    {
        var mediaType = context.Request.ContentType?.Split(';')[0].Trim();
        if (mediaType != "application/json")
        {
            return Results.Json(FakeAirflowJson.Error("Unsupported Media Type"), statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        var (body, refusal) = FakeRequestBody.Parse(BodyOf(context), ["username", "password"], ["username", "password"]);
        if (body is null)
        {
            return refusal!;
        }

        if (body.String("username") != FakeAirflow.Username || body.String("password") != FakeAirflow.Password)
        {
            return Results.Json(FakeAirflowJson.Error("Invalid credentials"), statusCode: StatusCodes.Status401Unauthorized);
        }

        lock (airflow.Gate)
        {
            var token = airflow.Tokens.Issue(FakeAirflow.Username, airflow.Time.GetUtcNow());
            return Results.Json(new JsonObject { ["access_token"] = token }, statusCode: StatusCodes.Status201Created);
        }
    }

    private static IResult GetDag(FakeAirflow airflow, string dagId)
    {
        lock (airflow.Gate)
        {
            if (!airflow.Dags.TryGetValue(dagId, out var dag))
            {
                return DagNotFound(dagId);
            }

            airflow.PollDag(dag);
            return dag.IsParsed ? Results.Json(FakeAirflowJson.Dag(dag)) : DagNotFound(dagId);
        }
    }

    private static IResult PatchDag(FakeAirflow airflow, string dagId, HttpContext context)
    {
        if (context.Request.Query["update_mask"].Any(field => field != "is_paused"))
        {
            return Detail(StatusCodes.Status400BadRequest, "Only `is_paused` field can be updated through the REST API");
        }

        var (body, refusal) = FakeRequestBody.Parse(BodyOf(context), ["is_paused"], ["is_paused"]);
        if (body is null)
        {
            return refusal!;
        }

        if (body.Bool("is_paused", fallback: false) is not { } paused)
        {
            return FakeRequestBody.Refuse("is_paused", "Input should be a valid boolean", "bool_type");
        }

        lock (airflow.Gate)
        {
            if (!airflow.Dags.TryGetValue(dagId, out var dag) || !dag.IsParsed)
            {
                return DagNotFound(dagId);
            }

            dag.IsPaused = paused;
            return Results.Json(FakeAirflowJson.Dag(dag));
        }
    }

    private static IResult ListImportErrors(FakeAirflow airflow, HttpContext context)
    {
        if (Page(context) is not { } page)
        {
            return PageRefusal();
        }

        lock (airflow.Gate)
        {
            var errors = airflow.ImportErrors.OrderBy(e => e.Id).ToList();
            return Results.Json(FakeAirflowJson.ImportErrors(errors.Skip(page.Offset).Take(page.Limit), errors.Count));
        }
    }

    private static IResult Trigger(FakeAirflow airflow, string dagId, HttpContext context)
    {
        var (body, refusal) = FakeRequestBody.Parse(BodyOf(context), TriggerFields, ["logical_date"]);
        if (body is null)
        {
            return refusal!;
        }

        if (body.Fields["conf"] is not (null or JsonObject))
        {
            return FakeRequestBody.Refuse("conf", "Input should be a valid dictionary", "dict_type");
        }

        if (!body.IsNullOrString("dag_run_id"))
        {
            return FakeRequestBody.Refuse("dag_run_id", "Input should be a valid string", "string_type");
        }

        lock (airflow.Gate)
        {
            var now = airflow.Time.GetUtcNow();
            if (!airflow.Dags.TryGetValue(dagId, out var dag) || !dag.IsParsed || dag.HasImportErrors)
            {
                return Detail(StatusCodes.Status404NotFound, $"DAG with dag_id: '{dagId}' not found");
            }

            var runId = body.String("dag_run_id") ?? $"manual__{FakeAirflowJson.Time(now)}_{Guid.NewGuid().ToString("N")[..8]}";
            if (!AllowedRunId().IsMatch(runId))
            {
                return Detail(StatusCodes.Status400BadRequest, $"The run_id provided '{runId}' does not match regex pattern '{AllowedRunId()}'");
            }

            if (dag.Runs.ContainsKey(runId))
            {
                return Results.Json(
                    FakeAirflowJson.Error(new JsonObject
                    {
                        ["reason"] = "Unique constraint violation",
                        ["statement"] = "INSERT INTO dag_run (dag_id, run_id, ...) VALUES (%(dag_id)s, %(run_id)s, ...)",
                        ["orig_error"] = "duplicate key value violates unique constraint \"dag_run_dag_id_run_id_key\"",
                        ["message"] = "Serious error when handling your request. Check logs for more details - you will find it in api server when you look for ID ...",
                    }),
                    statusCode: StatusCodes.Status409Conflict);
            }

            var conf = body.Fields["conf"]?.DeepClone() as JsonObject ?? [];
            var run = new FakeDagRun(airflow, dag, runId, conf, body.String("note"), now);
            dag.Runs[runId] = run;
            return Results.Json(FakeAirflowJson.DagRun(run));
        }
    }

    private static IResult GetRun(FakeAirflow airflow, string dagId, string runId) => WithRun(airflow, dagId, runId, advance: true, run =>
        Results.Json(FakeAirflowJson.DagRun(run)));

    private static IResult PatchRun(FakeAirflow airflow, string dagId, string runId, HttpContext context)
    {
        if (context.Request.Query["update_mask"].Any(field => field is not ("state" or "note")))
        {
            return Detail(StatusCodes.Status400BadRequest, "Invalid update_mask: only `state` and `note` can be updated");
        }

        var (body, refusal) = FakeRequestBody.Parse(BodyOf(context), ["state", "note"], []);
        if (body is null)
        {
            return refusal!;
        }

        var state = body.String("state");
        if (body.Fields["state"] is not null && state is not ("queued" or "success" or "failed"))
        {
            return FakeRequestBody.Refuse("state", "Input should be 'queued', 'success' or 'failed'", "enum");
        }

        return WithRun(airflow, dagId, runId, advance: false, run =>
        {
            var now = airflow.Time.GetUtcNow();
            if (state == "failed")
            {
                run.MarkFailed(now);
            }
            else if (state == "success")
            {
                run.MarkSuccess(now);
            }

            return Results.Json(FakeAirflowJson.DagRun(run));
        });
    }

    private static IResult ListTaskInstances(FakeAirflow airflow, string dagId, string runId, HttpContext context)
    {
        if (Page(context) is not { } page)
        {
            return PageRefusal();
        }

        return WithRun(airflow, dagId, runId, advance: true, run => Results.Json(
            FakeAirflowJson.TaskInstances(run, run.TaskInstances.Skip(page.Offset).Take(page.Limit), run.TaskInstances.Count)));
    }

    private static IResult GetLog(FakeAirflow airflow, string dagId, string runId, string taskId, string tryText, HttpContext context)
    {
        if (!int.TryParse(tryText, NumberStyles.None, CultureInfo.InvariantCulture, out var tryNumber))
        {
            return Results.Json(FakeAirflowJson.ValidationError("path", "try_number", "Input should be a valid integer", "int_parsing"), statusCode: StatusCodes.Status422UnprocessableEntity);
        }

        var mapIndex = int.TryParse(context.Request.Query["map_index"], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index) ? index : -1;
        return WithRun(airflow, dagId, runId, advance: false, run =>
        {
            var instance = run.TaskInstances.FirstOrDefault(i => i.TaskId == taskId && i.MapIndex == mapIndex);
            if (instance is null || tryNumber < 1 || tryNumber > instance.TryNumber)
            {
                return Detail(StatusCodes.Status404NotFound, "TaskInstance not found");
            }

            var lines = airflow.Logs.GetValueOrDefault((dagId, runId, taskId, tryNumber, mapIndex))
                        ?? [$"Fake log of {taskId} (map_index {mapIndex}), try {tryNumber}", $"Task instance is in state {instance.State}"];
            return Results.Json(FakeAirflowJson.Log(lines, airflow.Time.GetUtcNow()));
        });
    }

    private static IResult Clear(FakeAirflow airflow, string dagId, HttpContext context)
    {
        var (body, refusal) = FakeRequestBody.Parse(BodyOf(context), ClearFields, []);
        if (body is null)
        {
            return refusal!;
        }

        var dryRun = body.Bool("dry_run", fallback: true);
        var onlyFailed = body.Bool("only_failed", fallback: true);
        var resetRuns = body.Bool("reset_dag_runs", fallback: true);
        var latestVersion = body.Bool("run_on_latest_version", fallback: false);
        if (dryRun is null || onlyFailed is null || resetRuns is null || latestVersion is null)
        {
            return FakeRequestBody.Refuse("dry_run", "Input should be a valid boolean", "bool_type");
        }

        if (onlyFailed != true || body.Has("task_ids") || body.Has("start_date") || body.Has("end_date"))
        {
            return Detail(StatusCodes.Status400BadRequest, "The fake Airflow clears only failed task instances of whole runs");
        }

        lock (airflow.Gate)
        {
            if (!airflow.Dags.TryGetValue(dagId, out var dag) || !dag.IsParsed)
            {
                return DagNotFound(dagId);
            }

            var runId = body.String("dag_run_id");
            if (runId is not null && !dag.Runs.ContainsKey(runId))
            {
                return RunNotFound(dagId, runId);
            }

            var runs = runId is null ? dag.Runs.Values.ToList() : [dag.Runs[runId]];
            var now = airflow.Time.GetUtcNow();
            var cleared = runs
                .SelectMany(run => (dryRun.Value
                        ? run.TaskInstances.Where(i => i.HasFailed).ToList()
                        : run.ClearFailed(resetRuns.Value, latestVersion.Value, now))
                    .Select(instance => (JsonNode)FakeAirflowJson.TaskInstance(run, instance)))
                .ToArray();
            return Results.Json(new JsonObject { ["task_instances"] = new JsonArray(cleared), ["total_entries"] = cleared.Length });
        }
    }

    private static IResult WithRun(FakeAirflow airflow, string dagId, string runId, bool advance, Func<FakeDagRun, IResult> answer)
    {
        lock (airflow.Gate)
        {
            if (!airflow.Dags.TryGetValue(dagId, out var dag) || !dag.Runs.TryGetValue(runId, out var run))
            {
                return RunNotFound(dagId, runId);
            }

            if (advance && airflow.AutoAdvance)
            {
                run.Advance(airflow.Time.GetUtcNow());
            }

            return answer(run);
        }
    }

    private static (int Limit, int Offset)? Page(HttpContext context)
    {
        var limit = DefaultPageLimit;
        var offset = 0;
        var query = context.Request.Query;
        if ((query.ContainsKey("limit") && !int.TryParse(query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out limit)) ||
            (query.ContainsKey("offset") && !int.TryParse(query["offset"], NumberStyles.None, CultureInfo.InvariantCulture, out offset)))
        {
            return null;
        }

        return (limit, offset);
    }

    private static IResult PageRefusal() => Results.Json(
        FakeAirflowJson.ValidationError("query", "limit", "Input should be greater than or equal to 0", "greater_than_equal"),
        statusCode: StatusCodes.Status422UnprocessableEntity);

    private static string BodyOf(HttpContext context) => context.Items[BodyKey] as string ?? "";

    private static IResult Detail(int status, string detail) => Results.Json(FakeAirflowJson.Error(detail), statusCode: status);

    private static IResult DagNotFound(string dagId) => Detail(StatusCodes.Status404NotFound, $"Dag with id {dagId} was not found");

    private static IResult RunNotFound(string dagId, string runId) =>
        Detail(StatusCodes.Status404NotFound, $"The DagRun with dag_id: `{dagId}` and run_id: `{runId}` was not found");

    /// <summary>Airflow's default `[scheduler] allowed_run_id_pattern`.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9_.~:+-]+$")]
    private static partial Regex AllowedRunId();
}
