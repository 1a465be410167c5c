using Genie.Client;
using Genie.Client.Contracts;
using Genie.Server.Runs;
using Genie.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Genie.Server.Tests.Runs;

/// <summary>
/// A trigger queued behind a full concurrency scope wakes no executor (admission would only find the scope full), unless
/// admission, which counts only runs that are due, would find room for it.
/// </summary>
public sealed class WaitingRunWakeTests(GenieApp app) : IClassFixture<GenieApp>
{
    private const string Ns = "waiting";
    private readonly GenieClient _client = app.CreateGenieClient();

    private static string Job(string name) => $$"""
        apiVersion: genie.dev/v1
        kind: Job
        metadata: {name: {{name}}}
        spec:
          concurrency: {maxActiveRuns: 1, onConflict: queue}
          tasks:
            - {name: work, command: [sleep, "30"]}
        """;

    [Fact]
    public async Task A_run_that_waits_for_a_slot_wakes_no_executor_and_starts_once_the_slot_is_free()
    {
        await _client.ApplyJobAsync(Ns, "full", Job("full"));
        var holder = await _client.TriggerRunAsync(Ns, "full");
        await _client.UntilAsync(Ns, holder.Id, r => r.Tasks?.Any(t => t.State == "running") == true, "running its task");
        var listener = app.Services.GetRequiredService<RunSignal>().Listen();
        listener.TakeChanges();

        var waiting = await _client.TriggerRunAsync(Ns, "full");

        waiting.Reason!.ShouldStartWith("waiting:");
        listener.TakeChanges().Everything.ShouldBeFalse();
        await _client.CancelRunAsync(Ns, holder.Id);
        var started = await _client.UntilAsync(Ns, waiting.Id, r => r.State == "running", "admitted once the holder ended");
        started.StartedAt.ShouldNotBeNull();
        await _client.CancelRunAsync(Ns, waiting.Id);
    }

    [Fact]
    public async Task A_run_counted_as_waiting_that_admission_can_start_still_wakes_it()
    {
        // A delayed run counts against the limit when the trigger picks the policy, but admission only counts runs that
        // are due, so it would start the new run at once.
        await _client.ApplyJobAsync(Ns, "delayed", Job("delayed"));
        var later = await _client.TriggerRunAsync(Ns, "delayed", new TriggerRunRequest(Delay: "1h"));
        var listener = app.Services.GetRequiredService<RunSignal>().Listen();
        listener.TakeChanges();

        var now = await _client.TriggerRunAsync(Ns, "delayed");

        now.Reason!.ShouldStartWith("waiting:");
        listener.TakeChanges().Everything.ShouldBeTrue();
        await _client.UntilAsync(Ns, now.Id, r => r.State == "running", "admitted ahead of the delayed run");
        await _client.CancelRunAsync(Ns, now.Id);
        await _client.CancelRunAsync(Ns, later.Id);
    }
}
