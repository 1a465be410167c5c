using System.Net;
using System.Text.Json;
using Genie.Server.Api;
using Genie.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Genie.Server.Tests;

/// <summary>
/// The API hangs off one root group: every endpoint under `/api/` is under `/api/v1/`, carries what the group
/// attaches, and has its route values checked before its handler runs, while health stays outside it.
/// </summary>
public sealed class ApiRootTests(GenieApp app) : IClassFixture<GenieApp>
{
    // A good value for every route value the check knows, and a bad one with the path it is reported under.
    private static readonly Dictionary<string, (string Good, string Bad, string Path)> Values = new()
    {
        ["ns"] = ("team", "Bad_Namespace", "path.namespace"),
        ["name"] = ("job", "UPPER", "path.name"),
        ["group"] = ("etl", "Not_A_Group", "path.group"),
        ["version"] = ("1", "0", "path.version"),
        ["id"] = (Guid.NewGuid().ToString(), "not-a-run", "path.id"),
        ["task"] = ("work", "no_such_task!", "path.task"),
        ["secret"] = ("db.credentials", "Bad_Secret", "path.secret"),
        ["key"] = ("abcd1234", "NOT-A-KEY", "path.key"),
    };

    [Fact]
    public void Every_api_endpoint_is_under_the_root_group_and_carries_its_metadata()
    {
        var endpoints = Endpoints();
        var api = endpoints.Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal)).ToList();

        api.Count.ShouldBeGreaterThan(20);
        api.ShouldAllBe(e => e.RoutePattern.RawText!.StartsWith(ApiRoutes.Root + "/", StringComparison.Ordinal));
        api.ShouldAllBe(e => e.Metadata.GetMetadata<RouteValueCheck>() != null);
        var health = endpoints.Where(e => e.RoutePattern.RawText is "/healthz" or "/readyz").ToList();
        health.Count.ShouldBe(2);
        health.ShouldAllBe(e => e.Metadata.GetMetadata<RouteValueCheck>() == null);
    }

    [Fact]
    public async Task Every_route_value_of_every_api_endpoint_is_checked_before_its_handler()
    {
        using var http = app.CreateClient();
        var checkedValues = 0;
        foreach (var endpoint in Endpoints().Where(e => e.Metadata.GetMetadata<RouteValueCheck>() != null))
        {
            var method = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods[0];
            var names = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToList();
            foreach (var bad in names)
            {
                var url = names.Aggregate(endpoint.RoutePattern.RawText!, (text, name) =>
                    text.Replace("{" + name + "}", Uri.EscapeDataString(name == bad ? Values[name].Bad : Values[name].Good), StringComparison.Ordinal));
                using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));

                response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, $"{method} {url}");
                response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
                using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                problem.RootElement.GetProperty("status").GetInt32().ShouldBe(400);
                var error = problem.RootElement.GetProperty("errors").EnumerateArray().ShouldHaveSingleItem();
                error.GetProperty("path").GetString().ShouldBe(Values[bad].Path, $"{method} {url}");
                error.GetProperty("message").GetString().ShouldNotBeNullOrEmpty();
                checkedValues++;
            }
        }

        // Jobs, versions, DAGs, runs, logs, schedules, housekeeping and secrets each contribute some.
        checkedValues.ShouldBeGreaterThan(40);
    }

    private List<RouteEndpoint> Endpoints() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
}
