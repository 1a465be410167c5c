using System.Net;
using System.Net.Sockets;
using Genie.Server.Executors.Airflow.Client;

namespace Genie.Server.Tests.Executors.Airflow;

/// <summary>Retries with backoff through 5xx, 429 and slow answers, and a clear failure when Airflow stays away.</summary>
public sealed class AirflowClientResilienceTests
{
    private const string DagId = "resilient_dag";

    [Fact]
    public async Task A_burst_of_503s_shorter_than_the_retries_is_ridden_out()
    {
        await using var airflow = await FakeAirflow.StartAsync();
        airflow.PublishDag(DagId);
        var client = TestAirflowClient.For(airflow.BaseUrl);
        await client.GetDagAsync(DagId, CancellationToken.None);

        airflow.FailNextRequests(3);
        var dag = await client.GetDagAsync(DagId, CancellationToken.None);

        dag.ShouldNotBeNull().DagId.ShouldBe(DagId);
        airflow.Requests.Skip(2).Select(r => r.StatusCode).ShouldBe([503, 503, 503, 200]);
    }

    [Fact]
    public async Task A_failing_login_is_retried_like_any_call()
    {
        await using var airflow = await FakeAirflow.StartAsync();
        airflow.PublishDag(DagId);
        airflow.FailNextRequests(2, status: 500);

        (await TestAirflowClient.For(airflow.BaseUrl).GetDagAsync(DagId, CancellationToken.None)).ShouldNotBeNull();

        airflow.Requests.Select(r => $"{r.Path} {r.StatusCode}").ShouldBe(
            ["/auth/token 500", "/auth/token 500", "/auth/token 201", $"/api/v2/dags/{DagId} 200"]);
    }

    [Fact]
    public async Task Too_many_requests_is_retried()
    {
        await using var airflow = await FakeAirflow.StartAsync();
        airflow.PublishDag(DagId);
        var client = TestAirflowClient.For(airflow.BaseUrl);
        await client.GetDagAsync(DagId, CancellationToken.None);

        airflow.FailNextRequests(1, status: 429);
        await client.SetPausedAsync(DagId, paused: true, CancellationToken.None);

        airflow.IsPaused(DagId).ShouldBeTrue();
        airflow.Requests.Count(r => r.Method == "PATCH").ShouldBe(2);
    }

    [Fact]
    public async Task A_burst_longer_than_the_retries_is_reported_as_Airflow_unavailable()
    {
        await using var airflow = await FakeAirflow.StartAsync();
        airflow.PublishDag(DagId);
        var client = TestAirflowClient.For(airflow.BaseUrl, options => options.MaxRetries = 2);
        await client.GetDagAsync(DagId, CancellationToken.None);

        airflow.FailNextRequests(10);
        var error = await Should.ThrowAsync<AirflowUnavailableException>(() => client.GetDagRunAsync(DagId, "run-1", CancellationToken.None));

        error.LastStatusCode.ShouldBe(503);
        error.Message.ShouldContain(airflow.BaseUrl);
        error.Message.ShouldContain($"GET /api/v2/dags/{DagId}/dagRuns/run-1");
        error.Message.ShouldContain("503");
        error.Message.ShouldContain("3 attempts");
        error.Message.ShouldContain("Injected failure of the fake Airflow");
        airflow.Requests.Count(r => r.StatusCode == 503).ShouldBe(3);
    }

    [Fact]
    public async Task A_slow_answer_times_out_and_is_retried()
    {
        await using var airflow = await FakeAirflow.StartAsync();
        airflow.PublishDag(DagId);
        var client = TestAirflowClient.For(airflow.BaseUrl, options => options.RequestTimeout = TimeSpan.FromSeconds(1));
        await client.GetDagAsync(DagId, CancellationToken.None);

        airflow.DelayNextRequests(1, TimeSpan.FromSeconds(5));
        (await client.GetDagAsync(DagId, CancellationToken.None)).ShouldNotBeNull();
    }

    [Fact]
    public async Task Answers_slower_than_the_timeout_on_every_attempt_are_reported_as_Airflow_unavailable()
    {
        await using var airflow = await FakeAirflow.StartAsync();
        airflow.PublishDag(DagId);
        var client = TestAirflowClient.For(airflow.BaseUrl, options =>
        {
            options.RequestTimeout = TimeSpan.FromMilliseconds(200);
            options.MaxRetries = 1;
        });
        await client.GetDagAsync(DagId, CancellationToken.None);

        airflow.DelayNextRequests(2, TimeSpan.FromSeconds(5));
        var error = await Should.ThrowAsync<AirflowUnavailableException>(() => client.GetDagAsync(DagId, CancellationToken.None));

        error.LastStatusCode.ShouldBeNull();
        error.Message.ShouldContain("2 attempts");
        error.InnerException.ShouldBeOfType<Polly.Timeout.TimeoutRejectedException>();
    }

    [Fact]
    public async Task An_unreachable_Airflow_is_reported_as_unavailable_after_the_retries()
    {
        var closedPort = ClosedPort();
        var client = TestAirflowClient.Create(new AirflowOptions
        {
            BaseUrl = $"http://127.0.0.1:{closedPort}",
            MaxRetries = 2,
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        });

        var error = await Should.ThrowAsync<AirflowUnavailableException>(() => client.GetImportErrorsAsync(CancellationToken.None));

        error.Message.ShouldContain($"127.0.0.1:{closedPort}");
        error.Message.ShouldContain("3 attempts");
        error.InnerException.ShouldBeOfType<HttpRequestException>();
    }

    [Fact]
    public async Task A_cancelled_call_is_not_retried_or_reported_as_unavailable()
    {
        await using var airflow = await FakeAirflow.StartAsync();
        airflow.PublishDag(DagId);
        var client = TestAirflowClient.For(airflow.BaseUrl);
        await client.GetDagAsync(DagId, CancellationToken.None);
        airflow.DelayNextRequests(1, TimeSpan.FromSeconds(5));

        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Should.ThrowAsync<OperationCanceledException>(() => client.GetDagAsync(DagId, cancel.Token));
    }

    [Fact]
    public async Task Without_a_base_url_a_call_says_which_setting_is_missing()
    {
        var client = TestAirflowClient.Create(new AirflowOptions());

        var error = await Should.ThrowAsync<InvalidOperationException>(() => client.GetDagAsync(DagId, CancellationToken.None));

        error.Message.ShouldContain("Genie:Airflow:BaseUrl");
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
