using System.Text.Json;
using Genie.Client;
using Genie.Server.Tests.Infrastructure;
using Genie.Server.Tests.Runs;

namespace Genie.Server.Tests;

/// <summary>
/// The operator's experiment from the issue, on the real server process and its embedded PostgreSQL: stop the
/// cluster for five seconds under a running task and start it again. Genie answers 503 meanwhile (one warning
/// line per request, no stack traces), is ready again afterwards, finishes the run that was in flight and runs
/// new ones: no background loop stops on a database error.
/// </summary>
public sealed class DatabaseBlipTests : IAsyncLifetime
{
    private const string Spec = """
        apiVersion: genie.dev/v1
        kind: Job
        metadata: {name: blip}
        spec:
          tasks:
            - name: slow
              command: [sleep, "3"]
        """;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(5);
    private readonly string _dataDir = TestPostgres.NewScratchDir();

    [Fact]
    public async Task The_executor_resumes_after_the_database_is_stopped_and_started_under_a_running_task()
    {
        await using var server = await ServerProcess.StartAsync(_dataDir, Patience,
            new Dictionary<string, string>
            {
                ["Genie:Local:PollInterval"] = "00:00:00.500",
                // Often enough to see Hangfire fire housekeeping again after the outage.
                ["Genie:Housekeeping:Interval"] = "00:00:02",
            });
        var client = server.CreateClient();
        await client.ApplyJobAsync("default", "blip", Spec);
        var inFlight = (await client.TriggerRunAsync("default", "blip")).Id;
        await client.UntilAsync("default", inFlight, r => r.StateOf("slow") == "running", "running its task");

        var cluster = new OperatorPgCtl(_dataDir);
        var port = cluster.RunningPort();
        var outageStart = server.Output.Length;
        await cluster.StopFastAsync();
        var stoppedAt = DateTime.UtcNow;

        // Requests meanwhile are refused as "retry later"; the process itself stays alive.
        Func<Task>[] requests =
        [
            () => client.GetRunAsync("default", inFlight),
            () => client.GetJobAsync("default", "blip"),
            () => client.TriggerRunAsync("default", "blip"),
        ];
        foreach (var request in requests)
        {
            (await Should.ThrowAsync<GenieApiException>(request)).StatusCode.ShouldBe(503);
        }

        (await Should.ThrowAsync<GenieApiException>(() => client.GetReadinessAsync())).StatusCode.ShouldBe(503);
        (await client.GetHealthAsync()).Status.ShouldBe("ok");

        // `sleep 3` ends while the database is down; its end is recorded once the database is back.
        var rest = Outage - (DateTime.UtcNow - stoppedAt);
        if (rest > TimeSpan.Zero)
        {
            await Task.Delay(rest);
        }

        var outageLog = LogEntries(server.Output[outageStart..]);
        await cluster.StartAsync(port);
        var restartedAt = DateTimeOffset.UtcNow;

        await UntilReadyAsync(client);
        var finished = await client.UntilFinishedAsync("default", inFlight);
        finished.State.ShouldBe("succeeded");
        var slow = finished.TaskNamed("slow");
        slow.Attempts.ShouldBe(1, "the attempt ended during the outage and is recorded as it ended, not retried");
        slow.History.Single().ExitCode.ShouldBe(0);

        var after = (await client.TriggerRunAsync("default", "blip")).Id;
        (await client.UntilFinishedAsync("default", after)).State.ShouldBe("succeeded");

        // Hangfire's own loops survived too: housekeeping fires again on its interval.
        await UntilHousekeepingRanAsync(client, "stuck-runs", restartedAt);

        // The 503s are one warning line each, without a stack trace; nothing during the outage is an error.
        var refusals = outageLog.Where(e => e.Category == "Genie.Server.Api.UnhandledExceptionHandler").ToList();
        refusals.Count.ShouldBe(requests.Length);
        refusals.ShouldAllBe(e => e.Level == "Warning" && e.Exception == null);
        outageLog.ShouldNotContain(e => e.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) && e.Exception != null);
        outageLog.ShouldNotContain(e => e.Category.StartsWith("Genie.", StringComparison.Ordinal) && (e.Level == "Error" || e.Level == "Critical"));

        // The executor's loop reported the outage once and its end once.
        var log = LogEntries(server.Output);
        var executor = log.Where(e => e.Category == "Genie.Server.Executors.Local.LocalExecutor").ToList();
        executor.Count(e => e.Message.Contains("cannot reach the database", StringComparison.Ordinal)).ShouldBe(1);
        executor.Count(e => e.Message.Contains("reaches the database again", StringComparison.Ordinal)).ShouldBe(1);
        log.ShouldNotContain(e => e.Level == "Critical");

        await server.StopAsync(Patience);
    }

    private static async Task UntilReadyAsync(GenieClient client)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                (await client.GetReadinessAsync()).Status.ShouldBe("ready");
                return;
            }
            catch (GenieApiException e) when (e.StatusCode == 503 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    private static async Task UntilHousekeepingRanAsync(GenieClient client, string job, DateTimeOffset since)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var status = (await client.ListHousekeepingAsync()).Single(j => j.Name == job);
            if (status is { LastSucceeded: true } && status.LastStartedAt > since)
            {
                return;
            }

            DateTime.UtcNow.ShouldBeLessThan(deadline, $"housekeeping {job} never ran after the outage; last started {status.LastStartedAt}");
            await Task.Delay(200);
        }
    }

    /// <summary>One entry of Genie's JSON console log.</summary>
    private sealed record LogEntry(string Level, string Category, string Message, string? Exception);

    private static List<LogEntry> LogEntries(string output) =>
        output.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.StartsWith('{'))
            .Select(line =>
            {
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                return new LogEntry(
                    root.GetProperty("LogLevel").GetString()!,
                    root.GetProperty("Category").GetString()!,
                    root.GetProperty("Message").GetString()!,
                    root.TryGetProperty("Exception", out var exception) ? exception.GetString() : null);
            })
            .ToList();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => TestPostgres.DeleteScratchDirAsync(_dataDir);
}
