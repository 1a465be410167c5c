using Genie.Client;
using Genie.Portal.Health;
using Genie.Portal.Session;
using Microsoft.AspNetCore.Components;

namespace Genie.Portal.Shared;

/// <summary>
/// A component that calls Genie as the signed-in caller; its calls are cancelled when it leaves the page
/// (navigation, closed tab), so no answer lands on a component that is gone.
/// </summary>
public abstract class PortalComponent : ComponentBase, IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    [Inject] protected PortalSession Session { get; set; } = null!;

    [Inject] private ServerHealth Health { get; set; } = null!;

    /// <summary>Cancelled once the component is disposed.</summary>
    protected CancellationToken Stopping => _stopping.Token;

    protected GenieClient Genie => Session.Genie;

    /// <summary>Runs <paramref name="call"/>, returning the failure people should see instead of throwing it.</summary>
    protected async Task<CallFailure?> TryAsync(Func<CancellationToken, Task> call)
    {
        try
        {
            await call(Stopping);
            return null;
        }
        catch (Exception e) when (CallFailure.IsExpected(e) && !Stopping.IsCancellationRequested)
        {
            var failure = CallFailure.From(e);
            if (failure.ServerUnreachable)
            {
                // Raise the banner now rather than at the next periodic check.
                await CheckHealthAsync();
            }

            return failure;
        }
        catch (OperationCanceledException) when (Stopping.IsCancellationRequested)
        {
            // The component left the page; nobody is there to tell.
            return null;
        }
    }

    /// <summary>What a component stops besides its calls (its refresh loop), when it leaves the page.</summary>
    protected virtual ValueTask OnDisposeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await OnDisposeAsync();
        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task CheckHealthAsync()
    {
        try
        {
            await Health.CheckAsync(Stopping);
        }
        catch (OperationCanceledException) when (Stopping.IsCancellationRequested)
        {
            // Left the page while asking; the layout's own checks carry on.
        }
    }
}
