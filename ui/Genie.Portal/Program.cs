using Genie.Portal;
using Genie.Portal.Health;
using Genie.Portal.Live;
using Genie.Portal.Session;
using MudBlazor.Services;

// The content root is the build folder, so `dotnet path/to/Genie.Portal.dll` finds its settings from any directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
// MudBlazor's CSS and scripts are served from the package as built, not only in Development (no publish step here).
builder.WebHost.UseStaticWebAssets();
var options = builder.Configuration.GetSection(PortalOptions.Section).Get<PortalOptions>() ?? new PortalOptions();

builder.Services.AddSingleton(options);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
// Bottom right, so a notice never covers the action buttons at the top of a page.
builder.Services.AddMudServices(mud => mud.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight);
builder.Services.AddHttpClient(PortalSession.HttpClientName, http =>
{
    http.BaseAddress = options.ServerUrl;
    http.Timeout = options.RequestTimeout;
});
builder.Services.AddScoped<PortalSession>();
builder.Services.AddScoped<ServerHealth>();
builder.Services.AddScoped<IEventSource, GenieEventSource>();
builder.Services.AddScoped<EventFeed>();

if (options.Oidc.IsEnabled)
{
    builder.Services.AddOidcSignIn(options.Oidc);
}

var app = builder.Build();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
}

if (options.Oidc.IsEnabled)
{
    app.UseAuthentication();
    app.MapOidcSignIn();
}

app.UseAntiforgery();
app.MapStaticAssets();
app.MapRazorComponents<Genie.Portal.App>().AddInteractiveServerRenderMode();

app.Lifetime.ApplicationStarted.Register(() =>
{
    // One plain line on stdout, as the server prints its own, so `make run` and the tests can find the portal.
    foreach (var address in app.Urls)
    {
        Console.WriteLine($"Genie portal is listening on {address} (Genie server {options.ServerUrl})");
    }
});

await app.RunAsync();
