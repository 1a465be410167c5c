using Genie.Client;
using Genie.Client.Contracts;

namespace Genie.Server.Tests.Runs;

/// <summary>Polls a run until a condition holds; generous limits, because tests never assert on speed.</summary>
public static class RunWaiting
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    public static Task<RunResource> UntilFinishedAsync(this GenieClient client, string ns, string runId) =>
        client.UntilAsync(ns, runId, run => run.State is "succeeded" or "failed" or "cancelled" or "skipped", "finished");

    public static async Task<RunResource> UntilAsync(this GenieClient client, string ns, string runId, Func<RunResource, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (true)
        {
            var run = await client.GetRunAsync(ns, runId);
            if (condition(run))
            {
                return run;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"run {runId} never became {what}; last state {run.State}: " +
                    string.Join(", ", run.Tasks?.Select(t => $"{t.Name}[{t.Replica}]={t.State}") ?? []));
            }

            await System.Threading.Tasks.Task.Delay(100);
        }
    }

    /// <summary>The state of a task instance, or null before the run has its instances.</summary>
    public static string? StateOf(this RunResource run, string name, int replica = 0) =>
        run.Tasks?.SingleOrDefault(t => t.Name == name && t.Replica == replica)?.State;

    public static TaskRunResource TaskNamed(this RunResource run, string name, int replica = 0) =>
        run.Tasks!.Single(t => t.Name == name && t.Replica == replica);
}
