using System.Net.Http.Headers;
using System.Text;
using Genie.Server.Executors.Airflow.Client;

namespace Genie.Server.Tests.Executors.Airflow;

/// <summary>
/// Every request Genie's Airflow client makes, validated by Prism against the official Airflow 3 OpenAPI specs
/// (shared/reference/airflow): paths, query parameters, headers, bearer auth and strict bodies. Prism's answers are
/// examples made up from the spec, so only the requests are asserted on, not the data.
/// </summary>
public sealed class AirflowContractTests(PrismAirflow prism) : IClassFixture<PrismAirflow>
{
    private const string DagId = "genie__analytics__nightly-etl";

    // A run id with the characters that must be escaped in a path segment.
    private const string RunId = "genie-01JH7Q+2026-01-19T10:00:00";

    public static TheoryData<string> ClientCalls => new()
    {
        nameof(AirflowClient.GetDagAsync),
        nameof(AirflowClient.GetImportErrorsAsync),
        nameof(AirflowClient.SetPausedAsync),
        nameof(AirflowClient.TriggerAsync),
        nameof(AirflowClient.GetDagRunAsync),
        nameof(AirflowClient.GetTaskInstancesAsync),
        nameof(AirflowClient.GetTaskLogAsync),
        nameof(AirflowClient.MarkDagRunFailedAsync),
        nameof(AirflowClient.ClearFailedTasksAsync),
    };

    [Theory]
    [MemberData(nameof(ClientCalls))]
    public async Task Every_request_of_the_call_is_valid_for_the_official_spec(string call)
    {
        var recorder = prism.CreateRecorder();
        var client = TestAirflowClient.Create(
            new AirflowOptions { BaseUrl = prism.BaseUrl, Username = "admin", Password = "secret", MaxRetries = 0 },
            handler: recorder);

        var failure = await Record.ExceptionAsync(() => Invoke(client, call));

        var exchanges = recorder.Exchanges;
        exchanges.Select(e => e.PathAndQuery).ShouldContain("/auth/token", "the call should log in through the auth manager's spec");
        exchanges.Count.ShouldBeGreaterThan(1, "the call should reach the v2 API");
        var invalid = exchanges.Where(e => e.RequestViolations.Any() || e.StatusCode is 400 or 401 or 403 or 405 or 415 or 422).ToList();
        invalid.ShouldBeEmpty($"Prism rejected requests of {call}:\n{string.Join('\n', invalid)}\n{prism.Output}");
        failure.ShouldBeNull($"{call} failed on Prism's example answer:\n{string.Join('\n', exchanges)}");
    }

    [Fact]
    public async Task Prism_reports_a_trigger_body_without_logical_date_as_invalid()
    {
        var exchange = await SendRawAsync(HttpMethod.Post, $"/api/v2/dags/{DagId}/dagRuns", """{"dag_run_id":"r1","conf":{}}""");

        exchange.StatusCode.ShouldBe(422);
        exchange.RequestViolations.ShouldContain(v => v.Message.Contains("logical_date"));
    }

    [Fact]
    public async Task Prism_reports_an_unknown_field_in_a_strict_body_as_invalid()
    {
        var exchange = await SendRawAsync(HttpMethod.Patch, $"/api/v2/dags/{DagId}", """{"is_paused":false,"owner":"genie"}""");

        exchange.StatusCode.ShouldBe(422);
        exchange.RequestViolations.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Prism_reports_a_request_without_a_bearer_token_as_unauthorized()
    {
        var exchange = await SendRawAsync(HttpMethod.Get, $"/api/v2/dags/{DagId}", body: null, withToken: false);

        exchange.StatusCode.ShouldBe(401);
    }

    private static Task Invoke(AirflowClient client, string call) => call switch
    {
        nameof(AirflowClient.GetDagAsync) => client.GetDagAsync(DagId, CancellationToken.None),
        nameof(AirflowClient.GetImportErrorsAsync) => client.GetImportErrorsAsync(CancellationToken.None),
        nameof(AirflowClient.SetPausedAsync) => client.SetPausedAsync(DagId, paused: false, CancellationToken.None),
        nameof(AirflowClient.TriggerAsync) => client.TriggerAsync(
            DagId, RunId, new Dictionary<string, object?> { ["date"] = "2026-01-19", ["limit"] = 10, ["tags"] = new[] { "a", "b" } }, CancellationToken.None),
        nameof(AirflowClient.GetDagRunAsync) => client.GetDagRunAsync(DagId, RunId, CancellationToken.None),
        nameof(AirflowClient.GetTaskInstancesAsync) => client.GetTaskInstancesAsync(DagId, RunId, CancellationToken.None),
        nameof(AirflowClient.GetTaskLogAsync) => client.GetTaskLogAsync(DagId, RunId, "load", tryNumber: 2, mapIndex: 3, CancellationToken.None),
        nameof(AirflowClient.MarkDagRunFailedAsync) => client.MarkDagRunFailedAsync(DagId, RunId, CancellationToken.None),
        nameof(AirflowClient.ClearFailedTasksAsync) => client.ClearFailedTasksAsync(DagId, RunId, CancellationToken.None),
        _ => throw new ArgumentOutOfRangeException(nameof(call), call, "not a call of AirflowClient"),
    };

    /// <summary>A hand-made request through the same recorder, to show that Prism does catch what the theory relies on.</summary>
    private async Task<PrismExchange> SendRawAsync(HttpMethod method, string path, string? body, bool withToken = true)
    {
        var recorder = prism.CreateRecorder();
        using var http = new HttpClient(recorder);
        using var request = new HttpRequestMessage(method, prism.BaseUrl + path);
        if (withToken)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "any-token");
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var _ = await http.SendAsync(request);
        return recorder.Exchanges.Single();
    }
}
