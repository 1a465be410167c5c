using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Genie.Client;
using Genie.Client.Contracts;
using Genie.Server.Api;
using Genie.Server.Audit;
using Genie.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Genie.Server.Tests.Audit;

/// <summary>
/// Every mutating API call leaves one audit row saying who, what, target, namespace, source and outcome, refused calls
/// included; reads leave none; the Airflow listener leaves only its refusals; no body or secret value is ever kept.
/// </summary>
public sealed class AuditRecordingTests(AuditFixture fixture) : IClassFixture<AuditFixture>
{
    private const string SecretValue = "audit-s3cr3t-that-must-not-leak";
    private readonly HttpClient _http = fixture.App.CreateClient();

    [Fact]
    public async Task Each_kind_of_mutating_call_records_one_row_and_reads_record_none()
    {
        const string ns = "audited";
        var expected = new List<(string Action, string Target, int Status)>();
        async Task<HttpResponseMessage> Call(string action, string target, HttpMethod method, string path, HttpContent? body = null)
        {
            var response = await _http.SendAsync(new HttpRequestMessage(method, $"/api/v1/namespaces/{ns}/{path}") { Content = body });
            await response.Content.ReadAsStringAsync();
            expected.Add((action, target, (int)response.StatusCode));
            return response;
        }

        (await Call("jobs.apply", "jobs/hello", HttpMethod.Put, "jobs/hello", Yaml(TestSpecs.Yaml("hello")))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await _http.GetAsync($"/api/v1/namespaces/{ns}/jobs/hello")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var triggered = await Call("runs.trigger", "jobs/hello", HttpMethod.Post, "jobs/hello/runs", JsonContent.Create(new { }));
        triggered.StatusCode.ShouldBe(HttpStatusCode.Created);
        var runId = (await triggered.Content.ReadFromJsonAsync<RunResource>(GenieJson.Options))!.Id;
        (await _http.GetAsync($"/api/v1/namespaces/{ns}/runs/{runId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        // A finished run answers 409 to cancel and suspend: each is recorded with what its caller got.
        await Call("runs.cancel", $"runs/{runId}", HttpMethod.Post, $"runs/{runId}/cancel");
        await Call("runs.suspend", $"runs/{runId}", HttpMethod.Post, $"runs/{runId}/suspend");
        await Call("runs.resume", $"runs/{runId}", HttpMethod.Post, $"runs/{runId}/resume");
        await Call("runs.retry", $"runs/{runId}", HttpMethod.Post, $"runs/{runId}/retry", JsonContent.Create(new { mode = "all" }));
        await Call("schedules.pause", "jobs/hello", HttpMethod.Post, "jobs/hello/schedule/pause");
        await Call("schedules.resume", "jobs/hello", HttpMethod.Post, "jobs/hello/schedule/resume");
        (await Call("secrets.create", "secrets/db", HttpMethod.Post, "secrets", Secret("db", SecretValue))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Call("secrets.rotate", "secrets/db", HttpMethod.Put, "secrets/db", Secret(null, SecretValue + "-2"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _http.GetAsync($"/api/v1/namespaces/{ns}/secrets")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Call("secrets.delete", "secrets/db", HttpMethod.Delete, "secrets/db")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await Call("jobs.delete", "jobs/hello", HttpMethod.Delete, "jobs/hello")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var rows = await fixture.RowsAsync(ns);

        rows.Select(r => (r.Action, r.Target!, r.StatusCode)).ShouldBe(expected);
        rows.ShouldAllBe(r => r.Namespace == ns && r.Actor == AuditFixture.ExpectedActor
                              && r.SourceAddress == AuditFixture.SourceAddress.ToString() && !string.IsNullOrEmpty(r.RequestId));
        rows.ShouldAllBe(r => r.Outcome == (r.StatusCode < 400 ? "succeeded" : "rejected"));
        rows.Select(r => r.Id).ShouldBeUnique();
    }

    [Fact]
    public async Task Calls_outside_a_namespace_are_recorded_without_one_and_validations_not_at_all()
    {
        using var validated = await _http.PostAsync("/api/v1/validate", Yaml(TestSpecs.Yaml("checked")));
        validated.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var housekeeping = await _http.PostAsync("/api/v1/housekeeping/event-pruning/run", null);
        housekeeping.StatusCode.ShouldBe(HttpStatusCode.OK);

        // Validation writes nothing, so like a read it leaves no row (the editor validates at every pause in typing).
        (await ListAsync(new AuditListQuery(Action: "jobs.validate"))).ShouldBeEmpty();
        var run = (await ListAsync(new AuditListQuery(Action: "housekeeping.run"))).ShouldHaveSingleItem();
        run.Namespace.ShouldBeNull();
        run.Target.ShouldBe("housekeeping/event-pruning");
        run.StatusCode.ShouldBe(200);
    }

    [Fact]
    public async Task Refused_calls_are_recorded_with_their_outcome_and_the_trace_id_of_their_problem()
    {
        const string ns = "refused";
        var missingRun = Guid.NewGuid();
        (await SendAsync(HttpMethod.Put, $"/api/v1/namespaces/{ns}/jobs/broken", Yaml("kind: Nope\n"))).Status.ShouldBe(400);
        (await SendAsync(HttpMethod.Put, $"/api/v1/namespaces/{ns}/jobs/UPPER", Yaml(TestSpecs.Yaml("UPPER")))).Status.ShouldBe(400);
        var notFound = await SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/runs/{missingRun}/cancel");
        notFound.Status.ShouldBe(404);
        (await SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/jobs/ghost/runs", JsonContent.Create(new { }))).Status.ShouldBe(404);
        (await SendAsync(HttpMethod.Delete, $"/api/v1/namespaces/{ns}/secrets/none")).Status.ShouldBe(404);
        var huge = new string('a', 1000);
        (await SendAsync(HttpMethod.Delete, $"/api/v1/namespaces/{ns}/jobs/{huge}")).Status.ShouldBe(400);

        var rows = await fixture.RowsAsync(ns);

        rows.Select(r => (r.Action, r.Target, r.StatusCode, r.Outcome)).ShouldBe([
            ("jobs.apply", "jobs/broken", 400, "rejected"),
            ("jobs.apply", "jobs/UPPER", 400, "rejected"),
            ("runs.cancel", $"runs/{missingRun}", 404, "rejected"),
            ("runs.trigger", "jobs/ghost", 404, "rejected"),
            ("secrets.delete", "secrets/none", 404, "rejected"),
            ("jobs.delete", ("jobs/" + huge)[..AuditTarget.MaxLength], 400, "rejected"),
        ]);
        using var problem = JsonDocument.Parse(notFound.Body);
        rows[2].RequestId.ShouldBe(problem.RootElement.GetProperty("traceId").GetString());
    }

    [Fact]
    public async Task A_path_no_endpoint_matches_is_recorded_as_unmatched_and_a_wrong_method_with_its_status()
    {
        (await SendAsync(HttpMethod.Post, "/api/v1/namespaces/stray/nothing-here")).Status.ShouldBe(404);
        var wrongMethod = await SendAsync(HttpMethod.Patch, "/api/v1/namespaces/stray/jobs/hello");

        var unmatched = (await ListAsync(new AuditListQuery(Action: "POST " + AuditActions.Unmatched))).ShouldHaveSingleItem();
        unmatched.Target.ShouldBe("/api/v1/namespaces/stray/nothing-here");
        unmatched.Outcome.ShouldBe("rejected");
        var all = await ListAsync(new AuditListQuery());
        all.ShouldContain(r => r.Action.StartsWith("PATCH ", StringComparison.Ordinal) && r.StatusCode == wrongMethod.Status);
    }

    [Fact]
    public async Task The_airflow_listener_is_recorded_only_when_it_is_refused()
    {
        var ev = $$"""{"kind": "dag_run", "dag_id": "genie__af__x", "run_id": "{{Guid.NewGuid()}}", "state": "running"}""";
        (await ListenerAsync(ev, token: null)).ShouldBe(401);
        (await ListenerAsync(ev, AuditFixture.ListenerToken)).ShouldBe(202);
        (await ListenerAsync(ev, AuditFixture.ListenerToken)).ShouldBe(202);
        (await ListenerAsync("""{"kind": "dag_run", "dag_id": "foreign", "run_id": "manual__x", "state": "success"}""", AuditFixture.ListenerToken)).ShouldBe(400);

        var rows = await ListAsync(new AuditListQuery(Action: AuditActions.AirflowEvent));

        rows.Select(r => (r.StatusCode, r.Outcome)).ShouldBe([(400, "rejected"), (401, "denied")]);
        rows.ShouldAllBe(r => r.Target == "airflow/events" && r.Namespace == null);
    }

    [Fact]
    public async Task No_body_and_no_secret_value_ever_lands_in_the_table()
    {
        const string ns = "secretive";
        (await SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/secrets", Secret("vault", SecretValue))).Status.ShouldBe(201);
        (await SendAsync(HttpMethod.Put, $"/api/v1/namespaces/{ns}/secrets/vault", Secret(null, SecretValue + "-rotated"))).Status.ShouldBe(200);
        // Refused with the value in the body: a refusal must not echo it either.
        (await SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/secrets", Secret("vault", SecretValue + "-again"))).Status.ShouldBe(409);
        (await SendAsync(HttpMethod.Put, $"/api/v1/namespaces/{ns}/jobs/leaky", Yaml(TestSpecs.Yaml("leaky", message: SecretValue)))).Status.ShouldBe(201);

        await using var connection = await fixture.App.OpenDatabaseAsync();
        var table = await connection.QuerySingleAsync<string>("select coalesce(string_agg(a::text, E'\\n'), '') from audit_log a");

        (await fixture.RowsAsync(ns)).Count.ShouldBe(4);
        table.ShouldContain("secrets/vault");
        table.ShouldNotContain(SecretValue);
    }

    [Fact]
    public void Every_mutating_endpoint_has_an_action_name_and_every_name_an_endpoint()
    {
        // The fixture has Airflow configured, so the listener's route, mapped only then, is among the endpoints.
        var mutating = fixture.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith(ApiRoutes.Root + "/", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods
                .Where(m => m is "POST" or "PUT" or "PATCH" or "DELETE")
                .Select(m => (Method: m, Endpoint: e)))
            .ToList();

        mutating.Count.ShouldBeGreaterThan(10);
        mutating.Where(m => AuditActions.NameOf(m.Method, m.Endpoint.RoutePattern) is null)
            .Select(m => $"{m.Method} {m.Endpoint.RoutePattern.RawText}").ShouldBeEmpty();
        AuditActions.All.Keys.Order().ShouldBe(mutating.Select(m => $"{m.Method} {AuditActions.Relative(m.Endpoint.RoutePattern)}").Order());
        AuditActions.All.Values.ShouldBeUnique();
    }

    [Theory]
    [InlineData(200, "succeeded")]
    [InlineData(204, "succeeded")]
    [InlineData(304, "succeeded")]
    [InlineData(400, "rejected")]
    [InlineData(401, "denied")]
    [InlineData(403, "denied")]
    [InlineData(404, "rejected")]
    [InlineData(429, "rejected")]
    [InlineData(500, "failed")]
    [InlineData(503, "failed")]
    public void Each_status_maps_to_one_outcome(int status, string outcome) => AuditOutcome.Of(status).ShouldBe(outcome);

    private async Task<(int Status, string Body)> SendAsync(HttpMethod method, string path, HttpContent? body = null)
    {
        using var response = await _http.SendAsync(new HttpRequestMessage(method, path) { Content = body });
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<int> ListenerAsync(string body, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/airflow/events")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        }

        using var response = await _http.SendAsync(request);
        return (int)response.StatusCode;
    }

    private async Task<IReadOnlyList<AuditRecordResource>> ListAsync(AuditListQuery query) =>
        (await fixture.App.CreateGenieClient().ListAuditAsync(query with { Limit = 500 })).Items;

    private static StringContent Yaml(string spec) => new(spec, Encoding.UTF8, "application/yaml");

    private static JsonContent Secret(string? name, string value) => name is null
        ? JsonContent.Create(new RotateSecretRequest(new Dictionary<string, string?> { ["password"] = value }), options: GenieJson.Options)
        : JsonContent.Create(new CreateSecretRequest(name, new Dictionary<string, string?> { ["password"] = value }), options: GenieJson.Options);
}
