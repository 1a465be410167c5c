using Genie.Client;
using Genie.Client.Contracts;
using Genie.Server.Scheduling;
using Genie.Server.Tests.Infrastructure;
using Genie.Server.Tests.Runs;
using Microsoft.Extensions.DependencyInjection;

namespace Genie.Server.Tests.Kafka;

/// <summary>
/// A workload that makes every kind of event with its variants: a run whose first task fails once and is retried,
/// triggers a child job, and whose failing task leaves its successor `upstream_failed`; a run cancelled while running
/// and one cancelled while waiting; cron ticks that make a run and that make none; a job applied, changed and
/// deleted. It returns once every run it made has finished.
/// </summary>
public static class EventWorkload
{
    public const string Namespace = "workload";

    private const string Child = """
        apiVersion: genie.dev/v1
        kind: Job
        metadata: {name: child}
        spec:
          tasks:
            - {name: work, command: ["true"]}
        """;

    private const string Parent = """
        apiVersion: genie.dev/v1
        kind: Job
        metadata: {name: parent}
        spec:
          retry: {limit: 1, delay: 1s}
          tasks:
            - name: flaky
              script: 'if [ -f flaky.done ]; then exit 0; fi; touch flaky.done; exit 3'
            - name: call-child
              dependsOn: [flaky]
              job: {name: child, wait: true}
            - name: broken
              retry: {limit: 0}
              command: [sh, -c, "exit 4"]
            - {name: after-broken, dependsOn: [broken], command: ["true"]}
        """;

    private const string Sleeper = """
        apiVersion: genie.dev/v1
        kind: Job
        metadata: {name: sleeper}
        spec:
          tasks:
            - {name: nap, command: [sleep, "30"]}
        """;

    private const string TwoSteps = """
        apiVersion: genie.dev/v1
        kind: Job
        metadata: {name: two-steps}
        spec:
          tasks:
            - {name: first, command: ["true"]}
            - {name: second, dependsOn: [first], command: ["true"]}
        """;

    /// <summary>Applies a two-task job and runs it <paramref name="runs"/> times at once, until every run has finished.</summary>
    public static async Task RunTwoStepsAsync(GenieClient client, int runs)
    {
        await client.ApplyJobAsync(Namespace, "two-steps", TwoSteps);
        var triggered = await Task.WhenAll(Enumerable.Range(0, runs).Select(_ => client.TriggerRunAsync(Namespace, "two-steps")));
        var finished = await Task.WhenAll(triggered.Select(r => client.UntilFinishedAsync(Namespace, r.Id)));
        finished.ShouldAllBe(r => r.State == "succeeded");
    }

    public static async Task RunAsync(GenieClient client, IServiceProvider services)
    {
        await client.ApplyJobAsync(Namespace, "child", Child);
        await client.ApplyJobAsync(Namespace, "parent", Parent);
        await client.ApplyJobAsync(Namespace, "sleeper", Sleeper);
        var parent = await client.TriggerRunAsync(Namespace, "parent");

        var sleeping = await client.TriggerRunAsync(Namespace, "sleeper");
        await client.UntilAsync(Namespace, sleeping.Id, r => r.State == "running", "running");
        await client.CancelRunAsync(Namespace, sleeping.Id);
        var waiting = await client.TriggerRunAsync(Namespace, "sleeper", new TriggerRunRequest(Delay: "1h"));
        await client.CancelRunAsync(Namespace, waiting.Id);

        await client.ApplyJobAsync(Namespace, "ticked", Scheduling.ScheduledSpecs.Job("ticked", "0 0 1 1 *"));
        await client.PauseScheduleAsync(Namespace, "ticked");
        var tick = services.GetRequiredService<ScheduleTick>();
        var ticked = await tick.FireAsync(Namespace, "ticked", DateTimeOffset.UtcNow, CancellationToken.None);
        await tick.FireAsync(Namespace, "ticked", DateTimeOffset.UtcNow.AddDays(-3), CancellationToken.None);

        await client.ApplyJobAsync(Namespace, "doomed", Scheduling.ScheduledSpecs.Unscheduled("doomed"));
        await client.ApplyJobAsync(Namespace, "doomed", TestSpecs.Yaml("doomed", message: "changed"));
        await client.DeleteJobAsync(Namespace, "doomed");

        var runs = new[] { parent.Id, sleeping.Id, waiting.Id, ticked.RunId!.Value.ToString() };
        var finished = await Task.WhenAll(runs.Select(id => client.UntilFinishedAsync(Namespace, id)));
        finished[0].State.ShouldBe("failed");
        finished[1].State.ShouldBe("cancelled");
    }
}
