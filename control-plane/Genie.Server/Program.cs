using Genie.Server;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

var started = false;
try
{
    // The host's default reload-on-change watches the content root recursively with inotify; Genie's data dir (every
    // attempt's log, pid and exit file) usually lies under it, so each task woke that watcher several times for files no
    // configuration lives in. Configuration is read at start; a later `--hostBuilder:reloadConfigOnChange=true` still wins.
    var builder = WebApplication.CreateBuilder(["--hostBuilder:reloadConfigOnChange=false", .. args]);
    builder.AddGenie();

    await using var app = builder.Build();
    app.UseGenie();

    app.Lifetime.ApplicationStarted.Register(() =>
    {
        started = true;
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            // A plain line people (and the restart test) can read among the JSON logs.
            Console.WriteLine($"Genie is listening on {address}");
        }
    });

    await StartAsync(app);
    await app.WaitForShutdownAsync();
    return 0;
}
catch (Exception e) when (e is not HostAbortedException)
{
    // WebApplicationFactory ends this method with HostAbortedException once it has the host; that one passes.
    // Anything else ends Genie with one line that says what to do, instead of a stack trace and an abort.
    await Console.Error.WriteLineAsync($"Genie {(started ? "stopped" : "did not start")}: {StartupFailure.Describe(e)}");
    return 1;
}

// The host stops nothing when one of its services fails to start (Kestrel finding its port taken comes last),
// so the services that did start are stopped here: the embedded cluster must not outlive Genie, and a running
// Hangfire server would keep the process alive after the failure was reported.
static async Task StartAsync(WebApplication app)
{
    try
    {
        await app.StartAsync();
    }
    catch (Exception e) when (e is not HostAbortedException)
    {
        try
        {
            await app.StopAsync();
        }
        catch (Exception)
        {
            // The failure to start is what the person needs to read; one in stopping would only hide it.
        }

        throw;
    }
}

/// <summary>Entry point; public so WebApplicationFactory can host the server in tests.</summary>
public partial class Program;
