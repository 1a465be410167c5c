using System.Net;
using Genie.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;

namespace Genie.Server.Tests.Scheduling;

/// <summary>
/// The Hangfire dashboard at /hangfire: served by a real server over loopback, listing Genie's schedules and
/// housekeeping under readable names; refused to a caller that is not on loopback.
/// </summary>
public sealed class DashboardTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private readonly string _dataDir = TestPostgres.NewScratchDir();

    [Fact]
    public async Task A_real_server_serves_the_dashboard_with_its_recurring_jobs_by_name()
    {
        await using var server = await ServerProcess.StartAsync(_dataDir, Patience);
        await server.CreateClient().ApplyJobAsync("team", "nightly", ScheduledSpecs.Job("nightly", "0 2 * * *", "Europe/Berlin"));
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        var home = await http.GetAsync(new Uri("/hangfire", UriKind.Relative));
        var recurring = await http.GetAsync(new Uri("/hangfire/recurring", UriKind.Relative));

        home.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await home.Content.ReadAsStringAsync()).ShouldContain("Genie scheduler");
        recurring.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await recurring.Content.ReadAsStringAsync();
        page.ShouldContain("schedule team/nightly");
        page.ShouldContain("housekeeping run-retention");
        page.ShouldContain("housekeeping event-pruning");
        page.ShouldContain("housekeeping stuck-runs");
        await server.StopAsync(Patience);
    }

    [Fact]
    public async Task A_caller_not_on_loopback_is_refused()
    {
        await using var app = await GenieApp.StartAsync();

        // In-process requests (TestServer): nothing leaves the process, the remote address is only set on the request.
        var remote = await app.Server.SendAsync(context =>
        {
            context.Request.Path = "/hangfire";
            context.Connection.RemoteIpAddress = IPAddress.Parse("192.0.2.10");
        });
        var local = await app.Server.SendAsync(context =>
        {
            context.Request.Path = "/hangfire";
            context.Connection.RemoteIpAddress = IPAddress.Loopback;
        });

        remote.Response.StatusCode.ShouldBe((int)HttpStatusCode.Unauthorized);
        local.Response.StatusCode.ShouldBe((int)HttpStatusCode.OK);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => TestPostgres.DeleteScratchDirAsync(_dataDir);
}
