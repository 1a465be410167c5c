using System.Globalization;
using Genie.Client.Contracts;
using Genie.Server.Api;
using Genie.Server.Executors;
using Genie.Server.Executors.Local;
using Genie.Server.Store;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Genie.Server.Runs;

/// <summary>
/// Task logs over HTTP, found through the attempt's row: a byte range (`offset`, `limit`; the next offset
/// comes back in `Genie-Next-Offset`), the last lines (`tail`), or `follow=true`, which streams until the
/// attempt ends.
/// </summary>
public static class RunLogs
{
    private const int DefaultLimit = 64 * 1024;
    private const int MaxLimit = 1024 * 1024;
    private const int MaxTail = 10_000;
    private static readonly TimeSpan FollowPoll = TimeSpan.FromMilliseconds(200);

    public static async Task<Results<ContentHttpResult, EmptyHttpResult, ProblemHttpResult>> ReadAsync(
        string ns, string id, string task, HttpContext context, RunStore runs, AttemptStore attempts, ExecutorCatalog executors,
        string? replica, string? attempt, string? offset, string? limit, string? tail, string? follow,
        CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var replicaIndex = Number(replica, "query.replica", 0, 0, int.MaxValue, errors);
        var attemptNumber = attempt is null ? (int?)null : Number(attempt, "query.attempt", 1, 1, int.MaxValue, errors);
        var start = Number(offset, "query.offset", 0, 0, int.MaxValue, errors);
        var size = Number(limit, "query.limit", DefaultLimit, 1, MaxLimit, errors);
        var lines = tail is null ? (int?)null : Number(tail, "query.tail", 0, 1, MaxTail, errors);
        if (follow is not (null or "true" or "false"))
        {
            errors.Add(new FieldError("query.follow", "must be true or false"));
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Invalid("The log query is invalid", errors);
        }

        var (run, problem) = await RunEndpoints.FindAsync(ns, id, runs, cancellationToken);
        if (run is null)
        {
            return problem!;
        }

        var found = await attempts.GetAsync(run.Id, task, replicaIndex, attemptNumber, cancellationToken);
        if (found is null)
        {
            return ApiProblems.NotFound($"Task {task}[{replicaIndex}] of run {id} has no attempt{(attemptNumber is null ? "" : " " + attemptNumber)} yet.");
        }

        if (executors.Find(run.Executor) is not { } executor)
        {
            return ApiProblems.Status(StatusCodes.Status409Conflict, "Executor not configured",
                $"This attempt ran on the `{run.Executor}` executor, which this server has not configured to read its log from.");
        }

        if (!executor.Capabilities.HasFlag(ExecutorCapabilities.StreamLogs))
        {
            // Such a backend keeps the logs of its tasks (Airflow); Genie proxies them whole (no byte offsets or follow there).
            var text = await executor.ReadLogAsync(found, cancellationToken);
            return TypedResults.Text(lines is { } tailLines ? LastLines(text, tailLines) : text, "text/plain; charset=utf-8");
        }

        if (lines is { } count)
        {
            return TypedResults.Text(await AttemptLog.TailAsync(found.LogPath, count, cancellationToken), "text/plain; charset=utf-8");
        }

        if (follow == "true")
        {
            using var cut = EndlessResponse.CutOnShutdown(context);
            context.Response.ContentType = "text/plain; charset=utf-8";
            context.Response.Headers.CacheControl = "no-cache";
            await context.Response.StartAsync(cancellationToken);
            await AttemptLog.FollowAsync(found.LogPath, start,
                async ct => (await attempts.GetAsync(found.RunId, found.TaskName, found.Replica, found.Attempt, ct))?.State != "running",
                async (bytes, ct) =>
                {
                    await context.Response.Body.WriteAsync(bytes, ct);
                    await context.Response.Body.FlushAsync(ct);
                },
                FollowPoll, cancellationToken);
            return TypedResults.Empty;
        }

        var chunk = await AttemptLog.ReadAsync(found.LogPath, start, size, cancellationToken);
        context.Response.Headers["Genie-Next-Offset"] = chunk.NextOffset.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Text(chunk.Text, "text/plain; charset=utf-8");
    }

    private static string LastLines(string text, int count)
    {
        var all = text.Split('\n');
        var trailingNewline = text.EndsWith('\n');
        var kept = all.Take(all.Length - (trailingNewline ? 1 : 0)).TakeLast(count);
        return string.Join('\n', kept) + (trailingNewline ? "\n" : "");
    }

    private static int Number(string? text, string path, int fallback, int min, int max, List<FieldError> errors)
    {
        if (text is null)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors.Add(new FieldError(path, $"must be a whole number from {min} to {max}"));
        return fallback;
    }
}
