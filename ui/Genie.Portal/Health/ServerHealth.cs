using Genie.Portal.Session;

namespace Genie.Portal.Health;

/// <summary>
/// Whether the Genie server answers, asked every <see cref="PortalOptions.HealthInterval"/> for as long as the
/// circuit lives; the layout shows a banner while it does not and clears it once it answers again.
/// </summary>
public sealed class ServerHealth(PortalSession session, PortalOptions options, TimeProvider time) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _watching;

    /// <summary>Raised when the answer changes (down or back up).</summary>
    public event Action? Changed;

    public bool ServerAnswers { get; private set; } = true;

    /// <summary>What the last failed check saw, for the banner.</summary>
    public string? Problem { get; private set; }

    /// <summary>Starts the checks once per circuit; later calls are no-ops.</summary>
    public void Watch() => _watching ??= WatchAsync(_stopping.Token);

    /// <summary>Checks now, as a page does after one of its own calls failed, so the banner does not lag behind it.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        bool answers;
        string? problem = null;
        try
        {
            await session.Anonymous().GetHealthAsync(cancellationToken);
            answers = true;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or Genie.Client.GenieApiException && !cancellationToken.IsCancellationRequested)
        {
            answers = false;
            problem = e.Message;
        }

        if (answers != ServerAnswers || problem != Problem)
        {
            ServerAnswers = answers;
            Problem = problem;
            Changed?.Invoke();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_watching is not null)
        {
            try
            {
                await _watching;
            }
            catch (OperationCanceledException)
            {
                // The circuit closed; nothing is waiting for another answer.
            }
        }

        _stopping.Dispose();
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.HealthInterval, time);
        do
        {
            await CheckAsync(cancellationToken);
        }
        while (await timer.WaitForNextTickAsync(cancellationToken));
    }
}
