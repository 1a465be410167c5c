using Bunit;
using Genie.Portal;
using Genie.Portal.Health;
using Genie.Portal.Live;
using Genie.Portal.Session;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Genie.Portal.Tests.Components;

/// <summary>A bunit context with the services the portal's components inject, nobody signed in and no server behind it.</summary>
public static class PortalTestContext
{
    public static BunitContext Create()
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddLogging();
        context.Services.AddHttpClient(PortalSession.HttpClientName, http => http.BaseAddress = new Uri("http://127.0.0.1:9"));
        context.Services.AddSingleton(new PortalOptions());
        context.Services.AddSingleton(TimeProvider.System);
        context.Services.AddScoped<PortalSession>();
        context.Services.AddScoped<ServerHealth>();
        context.Services.AddScoped<IEventSource, GenieEventSource>();
        context.Services.AddScoped<EventFeed>();
        return context;
    }

    /// <summary>A context whose calls go to <paramref name="server"/> and whose live events come from <paramref name="events"/>, signed in.</summary>
    public static async Task<BunitContext> SignedInAsync(FakeGenieServer server, FakeEventSource events)
    {
        var context = Create();
        context.Services.AddHttpClient(PortalSession.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => server);
        context.Services.AddSingleton<IEventSource>(events);
        await context.Services.GetRequiredService<PortalSession>().SignInAsync("genie_abcd1234_test", CancellationToken.None);
        context.Render<MudBlazor.MudPopoverProvider>();
        return context;
    }
}
