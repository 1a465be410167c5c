using System.Net;
using Genie.Client;
using Genie.Server.Store.Embedded;
using Genie.Server.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Genie.Server.Tests;

/// <summary>Liveness, readiness that follows the database, and the served OpenAPI document.</summary>
public sealed class HealthTests
{
    [Fact]
    public async Task Readiness_fails_while_the_database_is_down_and_recovers_after()
    {
        var dataDir = TestPostgres.NewScratchDir();
        var cluster = await EmbeddedPostgres.StartAsync(dataDir, PostgresBinaries.Locate(null), NullLogger.Instance, CancellationToken.None);
        try
        {
            var connectionString = await cluster.EnsureDatabaseAsync("genie", CancellationToken.None);
            await using var app = await GenieApp.StartAsync(("Genie:Database:ConnectionString", connectionString));
            var client = app.CreateGenieClient();
            (await client.GetReadinessAsync()).Status.ShouldBe("ready");

            await cluster.StopAsync(CancellationToken.None);

            var down = await Should.ThrowAsync<GenieApiException>(() => client.GetReadinessAsync());
            down.StatusCode.ShouldBe(503);
            (await client.GetHealthAsync()).Status.ShouldBe("ok");
            var apiDuringOutage = await Should.ThrowAsync<GenieApiException>(() => client.GetJobAsync("team", "any"));
            apiDuringOutage.StatusCode.ShouldBe(503);

            cluster = await EmbeddedPostgres.StartAsync(dataDir, PostgresBinaries.Locate(null), NullLogger.Instance, CancellationToken.None);
            // The cluster comes back on a new port; a fresh app on the new address must be ready again.
            await using var again = await GenieApp.StartAsync(
                ("Genie:Database:ConnectionString", await cluster.EnsureDatabaseAsync("genie", CancellationToken.None)));
            (await again.CreateGenieClient().GetReadinessAsync()).Status.ShouldBe("ready");
        }
        finally
        {
            await cluster.StopAsync(CancellationToken.None);
            await TestPostgres.DeleteScratchDirAsync(dataDir);
        }
    }

    [Fact]
    public async Task OpenApi_document_describes_the_api()
    {
        await using var app = await GenieApp.StartAsync();
        using var http = app.CreateClient();

        using var response = await http.GetAsync("/openapi/v1.json");
        var document = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        document.ShouldContain("\"/api/v1/namespaces/{ns}/jobs/{name}\"");
        document.ShouldContain("\"/api/v1/namespaces/{ns}/jobs/{name}/versions/{version}\"");
        document.ShouldContain("\"/api/v1/validate\"");
        document.ShouldContain("\"/api/v1/namespaces/{ns}/secrets/{secret}\"");
        document.ShouldContain("\"/readyz\"");
    }
}
