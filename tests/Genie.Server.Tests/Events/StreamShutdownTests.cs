using Genie.Client.Contracts;
using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests.Events;

/// <summary>
/// Responses that never end by themselves (the event stream, a followed log) do not hold a stopping server: they are
/// cut, so their clients see a broken stream (not an end) and reconnect to the server that comes next. The host here
/// would otherwise wait 10 minutes for them.
/// </summary>
public sealed class StreamShutdownTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private const string Napper = """
        apiVersion: genie.dev/v1
        kind: Job
        metadata:
          name: napper
        spec:
          tasks:
            - name: nap
              script: echo dozing; sleep 30
        """;

    private readonly string _dataDir = TestPostgres.NewScratchDir();
    private TestDatabase? _database;

    [Fact]
    public async Task An_open_event_stream_and_a_followed_log_are_cut_when_the_server_stops()
    {
        await using var server = await ServerProcess.StartAsync(_dataDir, Patience, new Dictionary<string, string>
        {
            ["Genie:Database:ConnectionString"] = _database!.ConnectionString,
            ["shutdownTimeoutSeconds"] = "600",
        });
        var genie = server.CreateClient();
        await genie.ApplyJobAsync("default", "napper", Napper);
        var run = await genie.TriggerRunAsync("default", "napper");
        await UntilNapping(genie, run.Id);
        using var http = server.CreateHttpClient();
        using var events = await http.GetAsync("/api/v1/events", HttpCompletionOption.ResponseHeadersRead);
        using var log = await http.GetAsync($"/api/v1/namespaces/default/runs/{run.Id}/tasks/nap/logs?follow=true", HttpCompletionOption.ResponseHeadersRead);
        events.EnsureSuccessStatusCode();
        log.EnsureSuccessStatusCode();

        await server.StopAsync(Patience);

        (await Record.ExceptionAsync(() => ReadToEndAsync(events))).ShouldBeAssignableTo<IOException>();
        (await Record.ExceptionAsync(() => ReadToEndAsync(log))).ShouldBeAssignableTo<IOException>();
    }

    // As the clients read them: from the body's stream, where a cut connection surfaces as an IOException.
    private static async Task ReadToEndAsync(HttpResponseMessage response)
    {
        using var body = new StreamReader(await response.Content.ReadAsStreamAsync());
        await body.ReadToEndAsync();
    }

    private static async Task UntilNapping(Genie.Client.GenieClient genie, string runId)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while ((await genie.GetRunAsync("default", runId, timeout.Token)).Tasks is not [{ History: [{ State: "running" }] }])
        {
            await Task.Delay(200, timeout.Token);
        }
    }

    public async Task InitializeAsync() => _database = await TestPostgres.CreateDatabaseAsync(nameof(StreamShutdownTests));

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        await TestPostgres.DeleteScratchDirAsync(_dataDir);
    }
}
