using System.Net;
using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests.Limits;

/// <summary>
/// The per-caller rate limiter. The in-process host has no client address, so its requests count as a local caller:
/// these tests turn the local exemption off (or keep it) to see both sides.
/// </summary>
public sealed class RateLimitTests
{
    // A cheap API route that touches the database the same way every time: a job that does not exist.
    private const string Route = "/api/v1/namespaces/team/jobs/nobody";

    [Fact]
    public async Task A_caller_over_its_limit_gets_429_with_Retry_After_and_a_problem_while_probes_still_answer()
    {
        await using var app = await StartAsync(enabled: true, exemptLocal: false);
        using var http = app.CreateClient();

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? rejected = null;
        for (var i = 0; i < 20; i++)
        {
            var response = await http.GetAsync(Route);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                rejected ??= response;
            }
        }

        statuses.Take(5).ShouldAllBe(s => s == HttpStatusCode.NotFound);
        rejected.ShouldNotBeNull();
        rejected.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeGreaterThanOrEqualTo(1);
        rejected.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await rejected.Content.ReadAsStringAsync()).ShouldContain("\"status\":429");
        foreach (var probe in new[] { "/healthz", "/readyz", "/healthz", "/readyz" })
        {
            (await http.GetAsync(probe)).StatusCode.ShouldNotBe(HttpStatusCode.TooManyRequests);
        }
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public async Task Local_callers_by_default_and_everyone_when_disabled_are_not_limited(bool exemptLocal, bool enabled)
    {
        await using var app = await StartAsync(enabled, exemptLocal);
        using var http = app.CreateClient();

        for (var i = 0; i < 30; i++)
        {
            (await http.GetAsync(Route)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }
    }

    private static async Task<GenieApp> StartAsync(bool enabled, bool exemptLocal)
    {
        var app = new GenieApp()
            .With("Genie:RateLimit:Enabled", enabled.ToString())
            .With("Genie:RateLimit:ExemptLocalCallers", exemptLocal.ToString())
            .With("Genie:RateLimit:BurstLimit", "5")
            .With("Genie:RateLimit:RequestsPerSecond", "1");
        await app.InitializeAsync();
        return app;
    }
}
