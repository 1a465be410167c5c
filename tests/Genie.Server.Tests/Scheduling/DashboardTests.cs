using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests.Scheduling;

/// <summary>
/// The Hangfire dashboard at /hangfire: served by a real server over loopback, listing Genie's schedules and
/// housekeeping under readable names; only to cluster administrators.
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
        using var http = server.CreateHttpClient();

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
    public async Task Only_cluster_admins_get_it_and_a_browser_is_asked_for_an_api_key_as_password()
    {
        await using var app = await GenieApp.StartAsync();
        var viewer = (await app.CreateGenieClient().CreateApiKeyAsync("viewer", ["viewer:*"])).Key;
        using var http = app.CreateAnonymousClient();

        using var anonymous = await http.GetAsync(new Uri("/hangfire", UriKind.Relative));
        using var asViewer = await http.SendAsync(Basic(viewer));
        using var asAdmin = await http.SendAsync(Basic(TestCredentials.AdminKey));

        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        anonymous.Headers.WwwAuthenticate.ShouldContain(h => h.Scheme == "Basic");
        asViewer.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        asAdmin.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await asAdmin.Content.ReadAsStringAsync()).ShouldContain("Genie scheduler");
    }

    // What a browser sends after its sign-in prompt: any user name, the key as password.
    private static HttpRequestMessage Basic(string key) => new(HttpMethod.Get, "/hangfire")
    {
        Headers = { Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + key))) },
    };

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => TestPostgres.DeleteScratchDirAsync(_dataDir);
}
