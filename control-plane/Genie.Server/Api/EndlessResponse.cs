namespace Genie.Server.Api;

/// <summary>
/// Responses that last as long as something else does (the event stream, a followed log). Left alone they would hold a
/// stopping server until the host's shutdown timeout; they are cut instead, so the client sees a broken stream rather
/// than an end, and reconnects to the server that comes next.
/// </summary>
public static class EndlessResponse
{
    /// <summary>Aborts <paramref name="context"/>'s connection once the server starts stopping; dispose when the response is done.</summary>
    public static CancellationTokenRegistration CutOnShutdown(HttpContext context) =>
        context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(context.Abort);
}
