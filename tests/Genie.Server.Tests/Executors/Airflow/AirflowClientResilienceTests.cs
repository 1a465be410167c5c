using Genie.Server.Executors.Airflow.Client;

namespace Genie.Server.Tests.Executors.Airflow;

/// <summary>Retries with backoff through 5xx, 429 and slow answers, and a clear failure when Airflow stays away.</summary>
[Collection(AirflowBehindPrismCollection.Name)]
public sealed class AirflowClientResilienceTests(AirflowBehindPrism prism) : IAsyncLifetime
{
    private const string DagId = "resilient_dag";

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        prism.ShouldHaveSentOnlyValidRequests();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_burst_of_503s_shorter_than_the_retries_is_ridden_out()
    {
        await using var airflow = await prism.StartAirflowAsync();
        airflow.PublishDag(DagId);
        var client = prism.Client();
        await client.GetDagAsync(DagId, CancellationToken.None);

        airflow.FailNextRequests(3);
        var dag = await client.GetDagAsync(DagId, CancellationToken.None);

        dag.ShouldNotBeNull().DagId.ShouldBe(DagId);
        airflow.Requests.Skip(2).Select(r => r.StatusCode).ShouldBe([503, 503, 503, 200]);
    }

    [Fact]
    public async Task A_failing_login_is_retried_like_any_call()
    {
        await using var airflow = await prism.StartAirflowAsync();
        airflow.PublishDag(DagId);
        airflow.FailNextRequests(2, status: 500);

        (await prism.Client().GetDagAsync(DagId, CancellationToken.None)).ShouldNotBeNull();

        airflow.Requests.Select(r => $"{r.Path} {r.StatusCode}").ShouldBe(
            ["/auth/token 500", "/auth/token 500", "/auth/token 201", $"/api/v2/dags/{DagId} 200"]);
    }

    [Fact]
    public async Task Too_many_requests_is_retried()
    {
        await using var airflow = await prism.StartAirflowAsync();
        airflow.PublishDag(DagId);
        var client = prism.Client();
        await client.GetDagAsync(DagId, CancellationToken.None);

        airflow.FailNextRequests(1, status: 429);
        await client.SetPausedAsync(DagId, paused: true, CancellationToken.None);

        airflow.IsPaused(DagId).ShouldBeTrue();
        airflow.Requests.Count(r => r.Method == "PATCH").ShouldBe(2);
    }

    [Fact]
    public async Task A_burst_longer_than_the_retries_is_reported_as_Airflow_unavailable()
    {
        await using var airflow = await prism.StartAirflowAsync();
        airflow.PublishDag(DagId);
        var client = prism.Client(options => options.MaxRetries = 2);
        await client.GetDagAsync(DagId, CancellationToken.None);

        airflow.FailNextRequests(10);
        var error = await Should.ThrowAsync<AirflowUnavailableException>(() => client.GetDagRunAsync(DagId, "run-1", CancellationToken.None));

        error.LastStatusCode.ShouldBe(503);
        error.Message.ShouldContain(prism.BaseUrl);
        error.Message.ShouldContain($"GET /api/v2/dags/{DagId}/dagRuns/run-1");
        error.Message.ShouldContain("503");
        error.Message.ShouldContain("3 attempts");
        error.Message.ShouldContain("Injected failure of the fake Airflow");
        airflow.Requests.Count(r => r.StatusCode == 503).ShouldBe(3);
    }

    [Fact]
    public async Task A_slow_answer_times_out_and_is_retried()
    {
        await using var airflow = await prism.StartAirflowAsync();
        airflow.PublishDag(DagId);
        // Timeouts well above what Prism takes on a busy machine, delays well above the timeouts.
        var client = prism.Client(options => options.RequestTimeout = TimeSpan.FromSeconds(3));
        await client.GetDagAsync(DagId, CancellationToken.None);

        airflow.DelayNextRequests(1, TimeSpan.FromSeconds(15));
        (await client.GetDagAsync(DagId, CancellationToken.None)).ShouldNotBeNull();
    }

    [Fact]
    public async Task Answers_slower_than_the_timeout_on_every_attempt_are_reported_as_Airflow_unavailable()
    {
        await using var airflow = await prism.StartAirflowAsync();
        airflow.PublishDag(DagId);
        var client = prism.Client(options =>
        {
            options.RequestTimeout = TimeSpan.FromSeconds(2);
            options.MaxRetries = 1;
        });
        await client.GetDagAsync(DagId, CancellationToken.None);

        airflow.DelayNextRequests(2, TimeSpan.FromSeconds(15));
        var error = await Should.ThrowAsync<AirflowUnavailableException>(() => client.GetDagAsync(DagId, CancellationToken.None));

        error.LastStatusCode.ShouldBeNull();
        error.Message.ShouldContain("2 attempts");
        error.InnerException.ShouldBeOfType<Polly.Timeout.TimeoutRejectedException>();
    }

    [Fact]
    public async Task A_cancelled_call_is_not_retried_or_reported_as_unavailable()
    {
        await using var airflow = await prism.StartAirflowAsync();
        airflow.PublishDag(DagId);
        var client = prism.Client();
        await client.GetDagAsync(DagId, CancellationToken.None);
        airflow.DelayNextRequests(1, TimeSpan.FromSeconds(5));

        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Should.ThrowAsync<OperationCanceledException>(() => client.GetDagAsync(DagId, cancel.Token));
    }
}
