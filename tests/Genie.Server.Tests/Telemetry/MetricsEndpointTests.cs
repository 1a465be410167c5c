using System.Net;
using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests.Telemetry;

/// <summary>`/metrics`: open to scrapers by default, for cluster admins only with `Genie:Auth:OpenMetrics=false`.</summary>
public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Metrics_answer_without_a_credential_by_default_with_genie_as_the_service()
    {
        await using var app = await GenieApp.StartAsync();
        using var anonymous = app.CreateAnonymousClient();

        using var response = await anonymous.GetAsync("/metrics");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await response.Content.ReadAsStringAsync();
        text.ShouldContain("service_name=\"genie\"");
        text.ShouldContain("genie_executor_slots{");
    }

    [Fact]
    public async Task Closed_metrics_refuse_anonymous_scrapes_and_answer_a_cluster_admin()
    {
        await using var app = await GenieApp.StartAsync(("Genie:Auth:OpenMetrics", "false"));
        using var anonymous = app.CreateAnonymousClient();
        using var admin = app.CreateClient();

        (await anonymous.GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var allowed = await admin.GetAsync("/metrics");
        allowed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await allowed.Content.ReadAsStringAsync()).ShouldContain("genie_executor_slots{");
    }
}
