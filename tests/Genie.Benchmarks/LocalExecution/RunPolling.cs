using Genie.Client;
using Genie.Client.Contracts;

namespace Genie.Benchmarks.LocalExecution;

/// <summary>Waits for a job's runs to end, asking the API only whether any is still queued or running, so waiting costs the server little.</summary>
public static class RunPolling
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    /// <summary>Returns once no run of <paramref name="job"/> is queued or running; throws after <paramref name="timeout"/>.</summary>
    public static async Task WaitUntilIdleAsync(GenieClient client, string ns, string job, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (await AnyAsync(client, ns, job, "queued", deadline.Token) || await AnyAsync(client, ns, job, "running", deadline.Token))
            {
                await Task.Delay(Interval, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"runs of {ns}/{job} were still active after {timeout}");
        }
    }

    /// <summary>Every run of <paramref name="job"/>, page by page.</summary>
    public static async Task<List<RunResource>> AllRunsAsync(GenieClient client, string ns, string job, CancellationToken cancellationToken)
    {
        var runs = new List<RunResource>();
        string? cursor = null;
        do
        {
            var page = await client.ListRunsAsync(ns, new RunListQuery(Job: job, Limit: 500, Cursor: cursor), cancellationToken);
            runs.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return runs;
    }

    private static async Task<bool> AnyAsync(GenieClient client, string ns, string job, string state, CancellationToken cancellationToken) =>
        (await client.ListRunsAsync(ns, new RunListQuery(Job: job, State: state, Limit: 1), cancellationToken)).Items.Count > 0;
}
