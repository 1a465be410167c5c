using Bunit;
using Genie.Portal;
using Genie.Portal.Health;
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
        context.Services.AddHttpClient(PortalSession.HttpClientName, http => http.BaseAddress = new Uri("http://127.0.0.1:9"));
        context.Services.AddSingleton(new PortalOptions());
        context.Services.AddSingleton(TimeProvider.System);
        context.Services.AddScoped<PortalSession>();
        context.Services.AddScoped<ServerHealth>();
        return context;
    }
}
