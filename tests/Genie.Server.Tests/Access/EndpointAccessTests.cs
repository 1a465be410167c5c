using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Genie.Client;
using Genie.Client.Contracts;
using Genie.Server.Tests.Infrastructure;
using Genie.Server.Tests.Runs;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Genie.Server.Tests.Access;

/// <summary>
/// Every endpoint of the app, taken from its own endpoint list, called by every kind of caller. The expected right of
/// each endpoint is written here independently of the server's code, so an endpoint added without a row (or with a
/// policy that disagrees) fails this test.
/// </summary>
public sealed class EndpointAccessTests(EndpointAccessTests.Fixture fixture) : IClassFixture<EndpointAccessTests.Fixture>
{
    private const string Ns = "team";
    private const string Job = "probe";
    private const string Secret = "probe-secret";
    private const string ListenerToken = "listener-token-for-access-tests";

    /// <summary>Who may call what, as a user of Genie would read it from the docs.</summary>
    private static readonly Dictionary<string, Right> Expected = new()
    {
        ["GET /healthz"] = Right.Anyone,
        ["GET /readyz"] = Right.Anyone,
        ["GET /openapi/{documentName}.json"] = Right.Anyone,
        ["GET /metrics"] = Right.Anyone,
        ["PUT /api/v1/namespaces/{ns}/jobs/{name}"] = Right.Operator,
        ["GET /api/v1/namespaces/{ns}/jobs/"] = Right.Viewer,
        ["GET /api/v1/namespaces/{ns}/jobs/{name}"] = Right.Viewer,
        ["GET /api/v1/namespaces/{ns}/jobs/{name}/source"] = Right.Viewer,
        ["DELETE /api/v1/namespaces/{ns}/jobs/{name}"] = Right.Operator,
        ["GET /api/v1/namespaces/{ns}/jobs/{name}/versions"] = Right.Viewer,
        ["GET /api/v1/namespaces/{ns}/jobs/{name}/versions/{version}"] = Right.Viewer,
        ["GET /api/v1/namespaces/{ns}/jobs/{name}/versions/{version}/source"] = Right.Viewer,
        ["GET /api/v1/namespaces/{ns}/jobs/{name}/versions/{version}/dag/"] = Right.Viewer,
        ["GET /api/v1/namespaces/{ns}/jobs/{name}/versions/{version}/dag/status"] = Right.Viewer,
        ["GET /api/v1/jobs"] = Right.AnyCaller,
        ["POST /api/v1/validate"] = Right.AnyCaller,
        ["POST /api/v1/namespaces/{ns}/jobs/{name}/runs"] = Right.Operator,
        ["GET /api/v1/namespaces/{ns}/runs/"] = Right.Viewer,
        ["GET /api/v1/namespaces/{ns}/runs/{id}"] = Right.Viewer,
        ["POST /api/v1/namespaces/{ns}/runs/{id}/cancel"] = Right.Operator,
        ["POST /api/v1/namespaces/{ns}/runs/{id}/suspend"] = Right.Operator,
        ["POST /api/v1/namespaces/{ns}/runs/{id}/resume"] = Right.Operator,
        ["POST /api/v1/namespaces/{ns}/runs/{id}/retry"] = Right.Operator,
        ["GET /api/v1/namespaces/{ns}/runs/{id}/tasks/{task}/logs"] = Right.Viewer,
        ["GET /api/v1/namespaces/{ns}/runs/{id}/notifications"] = Right.Viewer,
        ["GET /api/v1/namespaces/{ns}/jobs/{name}/schedule/"] = Right.Viewer,
        ["POST /api/v1/namespaces/{ns}/jobs/{name}/schedule/pause"] = Right.Operator,
        ["POST /api/v1/namespaces/{ns}/jobs/{name}/schedule/resume"] = Right.Operator,
        ["POST /api/v1/namespaces/{ns}/secrets/"] = Right.Admin,
        ["PUT /api/v1/namespaces/{ns}/secrets/{secret}"] = Right.Admin,
        ["GET /api/v1/namespaces/{ns}/secrets/"] = Right.Operator,
        ["GET /api/v1/namespaces/{ns}/secrets/{secret}"] = Right.Operator,
        ["DELETE /api/v1/namespaces/{ns}/secrets/{secret}"] = Right.Admin,
        ["GET /api/v1/housekeeping/"] = Right.ClusterAdmin,
        ["POST /api/v1/housekeeping/{name}/run"] = Right.ClusterAdmin,
        ["POST /api/v1/keys/"] = Right.ClusterAdmin,
        ["GET /api/v1/keys/"] = Right.ClusterAdmin,
        ["GET /api/v1/keys/{key}"] = Right.ClusterAdmin,
        ["DELETE /api/v1/keys/{key}"] = Right.ClusterAdmin,
        ["POST /api/v1/airflow/events"] = Right.AirflowListener,
        ["GET /api/v1/audit"] = Right.AnyCaller,
        ["GET /api/v1/events"] = Right.AnyCaller,
        ["GET /api/v1/stats/runs"] = Right.AnyCaller,
        ["GET /api/v1/stats/failures"] = Right.AnyCaller,
        ["GET /api/v1/stats/durations"] = Right.AnyCaller,
        ["GET /api/v1/stats/schedule-delay"] = Right.AnyCaller,
        ["GET /api/v1/stats/task-failures"] = Right.AnyCaller,
        ["GET /api/v1/stats/executor-slots"] = Right.AnyCaller,
        ["GET /api/v1/groups"] = Right.AnyCaller,
        ["POST /api/v1/namespaces/{ns}/groups/{group}/runs"] = Right.Operator,
        ["GET /api/v1/whoami"] = Right.AnyCaller,
        // gRPC (Grpc/GrpcApiTests checks each method's namespace role): any caller reaches the service, plain HTTP gets a 415.
        ["POST /genie.v1.Genie/ApplyJob"] = Right.AnyCaller,
        ["POST /genie.v1.Genie/TriggerRun"] = Right.AnyCaller,
        ["POST /genie.v1.Genie/GetRun"] = Right.AnyCaller,
        ["POST /genie.v1.Genie/CancelRun"] = Right.AnyCaller,
        ["POST /genie.v1.Genie/WatchRun"] = Right.AnyCaller,
    };

    [Fact]
    public void Every_endpoint_has_a_row_here_and_exactly_one_policy_or_is_open()
    {
        var endpoints = fixture.Endpoints();
        endpoints.Select(Key).Where(k => !Expected.ContainsKey(k)).ShouldBeEmpty("endpoints without an expected right in this test");
        Expected.Keys.Where(k => !endpoints.Select(Key).Contains(k)).ShouldBeEmpty("rows for endpoints the app no longer has");
        foreach (var endpoint in endpoints)
        {
            var open = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
            (open ? 0 : 1).ShouldBe(policies.Count, Key(endpoint));
            open.ShouldBe(Expected[Key(endpoint)] == Right.Anyone, Key(endpoint));
        }
    }

    [Fact]
    public async Task Every_endpoint_answers_every_kind_of_caller_as_its_right_says()
    {
        var checkedCalls = 0;
        foreach (var endpoint in fixture.Endpoints())
        {
            var right = Expected[Key(endpoint)];
            foreach (var caller in fixture.Callers)
            {
                var url = await fixture.UrlAsync(endpoint);
                using var request = new HttpRequestMessage(new HttpMethod(Method(endpoint)), url) { Content = Body(endpoint) };
                if (caller.Credential is { } credential)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential);
                }

                using var response = await fixture.Bare.SendAsync(request);
                var expected = Outcome(right, caller);
                var what = $"{caller.Name} → {Key(endpoint)} ({url}) answered {(int)response.StatusCode}";
                var body = await response.Content.ReadAsStringAsync();
                // The refusal of a caller who may not see the namespace; a handler's own 404 (no DAG published) says more.
                var refusal = $"{new Uri(url, UriKind.Relative).OriginalString.Split('?')[0]} does not exist.";
                if (expected == HttpStatusCode.OK)
                {
                    ((int)response.StatusCode).ShouldNotBeOneOf([401, 403, 500], what);
                    body.ShouldNotContain(refusal, Case.Sensitive, what);
                }
                else
                {
                    response.StatusCode.ShouldBe(expected, what);
                    response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", what);
                    if (expected == HttpStatusCode.NotFound)
                    {
                        body.ShouldContain(refusal, Case.Sensitive, what);
                    }
                }

                if (expected == HttpStatusCode.Unauthorized)
                {
                    response.Headers.WwwAuthenticate.ShouldNotBeEmpty(what);
                }

                checkedCalls++;
            }
        }

        checkedCalls.ShouldBe(Expected.Count * fixture.Callers.Count);
    }

    [Fact]
    public async Task A_list_across_namespaces_shows_only_the_namespaces_the_caller_may_see()
    {
        var viewer = fixture.Callers.Single(c => c.Name == "viewer of team");
        var stranger = fixture.Callers.Single(c => c.Name == "admin of another namespace");

        var seenByViewer = await fixture.ClientFor(viewer).ListAllJobsAsync();
        var seenByStranger = await fixture.ClientFor(stranger).ListAllJobsAsync();
        var seenByAdmin = await fixture.Admin.ListAllJobsAsync();

        seenByViewer.Items.Select(j => j.Namespace).Distinct().ShouldBe([Ns]);
        seenByStranger.Items.Select(j => j.Namespace).Distinct().ShouldBe(["elsewhere"]);
        seenByAdmin.Items.Select(j => j.Namespace).Distinct().OrderBy(n => n).ShouldBe(["elsewhere", Ns]);
    }

    private static HttpStatusCode Outcome(Right right, Caller caller) => right switch
    {
        Right.Anyone => HttpStatusCode.OK,
        Right.AirflowListener => caller.IsListener ? HttpStatusCode.OK : HttpStatusCode.Unauthorized,
        _ when caller.Role is null && !caller.IsClusterAdmin => HttpStatusCode.Unauthorized,
        Right.AnyCaller => HttpStatusCode.OK,
        Right.ClusterAdmin => caller.IsClusterAdmin ? HttpStatusCode.OK : HttpStatusCode.Forbidden,
        _ when caller.IsClusterAdmin => HttpStatusCode.OK,
        _ when caller.RoleInTeam is null => HttpStatusCode.NotFound,
        _ => (int)caller.RoleInTeam >= (int)right ? HttpStatusCode.OK : HttpStatusCode.Forbidden,
    };

    private static string Method(RouteEndpoint endpoint) => endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods[0];

    private static string Key(RouteEndpoint endpoint) => $"{Method(endpoint)} {endpoint.RoutePattern.RawText}";

    // A valid body where the endpoint reads one, so an allowed call is judged by its handler, not by a parse error.
    private static HttpContent? Body(RouteEndpoint endpoint) => Key(endpoint) switch
    {
        "PUT /api/v1/namespaces/{ns}/jobs/{name}" or "POST /api/v1/validate" =>
            new StringContent(TestSpecs.Yaml(Job), Encoding.UTF8, "application/yaml"),
        "POST /api/v1/namespaces/{ns}/secrets/" => Json($$$"""{"name": "{{{Secret}}}", "data": {"k": "v"}}"""),
        "PUT /api/v1/namespaces/{ns}/secrets/{secret}" => Json("""{"data": {"k": "v2"}}"""),
        "POST /api/v1/keys/" => Json("""{"name": "made in the matrix", "grants": ["viewer:team"]}"""),
        _ when Method(endpoint) is "POST" or "PUT" => Json("{}"),
        _ => null,
    };

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    /// <summary>The least right that may call an endpoint; the namespace roles are in the order of <see cref="Genie.Core.Access.NamespaceRole"/>.</summary>
    public enum Right
    {
        Viewer = 1,
        Operator = 2,
        Admin = 3,
        Anyone,
        AnyCaller,
        ClusterAdmin,
        AirflowListener,
    }

    /// <summary>One kind of caller: its credential (none for anonymous) and what its grants say about namespace `team`.</summary>
    public sealed record Caller(string Name, string? Credential, Right? Role, Right? RoleInTeam, bool IsClusterAdmin = false, bool IsListener = false);

    /// <summary>A real server with a job, a finished run, a secret and a key of each kind of caller.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        private readonly GenieApp _app = new GenieApp()
            .With("Genie:Airflow:BaseUrl", "http://127.0.0.1:9/")
            .With("Genie:Airflow:ListenerToken", ListenerToken);

        private string _runId = "";

        public HttpClient Http { get; private set; } = null!;

        /// <summary>A client with no credentials of its own; each request carries its caller's.</summary>
        public HttpClient Bare { get; private set; } = null!;

        public GenieClient Admin { get; private set; } = null!;

        public List<Caller> Callers { get; } = [];

        public GenieClient ClientFor(Caller caller) => new(TestCredentials.Authorize(_app.CreateClient(), caller.Credential));

        public List<RouteEndpoint> Endpoints() =>
            _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

        /// <summary>The endpoint's URL on the fixture's resources, putting back what an earlier call may have removed.</summary>
        public async Task<string> UrlAsync(RouteEndpoint endpoint)
        {
            await Admin.ApplyJobAsync(Ns, Job, TestSpecs.Yaml(Job));
            using var secret = await Http.PostAsync($"/api/v1/namespaces/{Ns}/secrets",
                new StringContent($$$"""{"name": "{{{Secret}}}", "data": {"k": "v"}}""", Encoding.UTF8, "application/json"));
            var pattern = endpoint.RoutePattern.RawText!;
            var housekeeping = pattern.StartsWith("/api/v1/housekeeping", StringComparison.Ordinal);
            var values = new Dictionary<string, string>
            {
                ["ns"] = Ns,
                ["name"] = housekeeping ? "event-pruning" : Job,
                ["version"] = "1",
                ["id"] = _runId,
                ["task"] = "greet",
                ["secret"] = Secret,
                ["documentName"] = "v1",
                ["group"] = "etl",
            };
            if (pattern.Contains("{key}", StringComparison.Ordinal))
            {
                // A fresh key each time: a revocation by one caller must not turn the next caller's answer into a 404.
                values["key"] = (await Admin.CreateApiKeyAsync("revocable", ["viewer:team"])).ApiKey.Prefix;
            }

            var url = endpoint.RoutePattern.Parameters.Aggregate(pattern, (text, p) => text.Replace("{" + p.Name + "}", values[p.Name], StringComparison.Ordinal));
            // The event stream follows until the client leaves; without following it sends what exists and ends.
            return pattern == "/api/v1/events" ? url + "?follow=false&since=0" : url;
        }

        public async Task InitializeAsync()
        {
            await _app.InitializeAsync();
            Http = _app.CreateClient();
            Bare = _app.CreateAnonymousClient();
            Admin = new GenieClient(Http);
            await Admin.ApplyJobAsync(Ns, Job, TestSpecs.Yaml(Job));
            await Admin.ApplyJobAsync("elsewhere", "theirs", TestSpecs.Yaml("theirs"));
            var run = await Admin.TriggerRunAsync(Ns, Job);
            _runId = (await Admin.UntilFinishedAsync(Ns, run.Id)).Id;

            async Task<string> KeyAsync(string grant) => (await Admin.CreateApiKeyAsync(grant, [grant])).Key;
            Callers.Add(new Caller("anonymous", null, null, null));
            Callers.Add(new Caller("viewer of team", await KeyAsync("viewer:team"), Right.Viewer, Right.Viewer));
            Callers.Add(new Caller("operator of team", await KeyAsync("operator:team"), Right.Operator, Right.Operator));
            Callers.Add(new Caller("admin of team", await KeyAsync("admin:team"), Right.Admin, Right.Admin));
            Callers.Add(new Caller("admin of another namespace", await KeyAsync("admin:elsewhere"), Right.Admin, null));
            Callers.Add(new Caller("viewer of every namespace", await KeyAsync("viewer:*"), Right.Viewer, Right.Viewer));
            Callers.Add(new Caller("cluster admin", TestCredentials.AdminKey, Right.Admin, Right.Admin, IsClusterAdmin: true));
            Callers.Add(new Caller("airflow listener", ListenerToken, null, null, IsListener: true));
        }

        public async Task DisposeAsync()
        {
            Http.Dispose();
            Bare.Dispose();
            await _app.DisposeAsync();
        }
    }
}
