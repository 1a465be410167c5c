using Genie.Client;
using Genie.Client.Contracts;

namespace Genie.Server.Tests.Executors.LocalSemantics;

/// <summary>
/// Waits for runs through the API. The limit only guards against a hanging test; tests never assert on speed,
/// and a busy machine running many test classes at once may take a while.
/// </summary>
public static class RunPolling
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public static bool IsFinished(this RunResource run) => run.State is "succeeded" or "failed" or "cancelled" or "skipped";

    public static Task<RunResource> UntilFinishedAsync(this GenieClient client, RunResource run) =>
        client.UntilAsync(run, r => r.IsFinished(), "finished");

    /// <summary>Until the given task instance has an attempt that is running right now.</summary>
    public static Task<RunResource> UntilRunningAsync(this GenieClient client, RunResource run, string task, int replica = 0) =>
        client.UntilAsync(run, r => r.Tasks?.Any(t => t.Name == task && t.Replica == replica && t.History.Any(a => a.State == "running")) == true,
            $"running {task}[{replica}]");

    /// <summary>Until the single attempt of a task instance is closed: after a cancel, once its process has been stopped.</summary>
    public static async Task<TaskAttemptResource> UntilAttemptClosedAsync(this GenieClient client, RunResource run, string task) =>
        (await client.UntilAsync(run, r => r.Instance(task).History.Single().State != "running", $"done with the attempt of {task}"))
        .Instance(task).History.Single();

    public static async Task<RunResource> UntilAsync(this GenieClient client, RunResource run, Func<RunResource, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (true)
        {
            var current = await client.GetRunAsync(run.Namespace, run.Id);
            if (condition(current))
            {
                return current;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"run {run.Id} of {run.Job} was never {what}; it is {Describe(current)}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The run's state and every task instance's, for failure messages.</summary>
    public static string Describe(this RunResource run) =>
        $"{run.State} ({run.Reason}): " + string.Join(", ", run.Tasks?.Select(t => $"{t.Name}[{t.Replica}]={t.State} ({t.Reason})") ?? []);

    public static TaskRunResource Instance(this RunResource run, string name, int replica = 0) =>
        run.Tasks?.SingleOrDefault(t => t.Name == name && t.Replica == replica)
        ?? throw new ShouldAssertException($"run has no task {name}[{replica}]; it is {run.Describe()}");
}
