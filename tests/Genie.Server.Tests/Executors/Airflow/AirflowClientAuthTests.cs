using Genie.Server.Executors.Airflow.Client;

namespace Genie.Server.Tests.Executors.Airflow;

/// <summary>The client's JWT handling against the fake Airflow: one login, reused, renewed on expiry and on 401.</summary>
[Collection(AirflowBehindPrismCollection.Name)]
public sealed class AirflowClientAuthTests(AirflowBehindPrism prism) : IAsyncLifetime
{
    private const string DagId = "auth_dag";

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        prism.ShouldHaveSentOnlyValidRequests();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task One_login_serves_many_calls()
    {
        await using var airflow = await prism.StartAirflowAsync();
        airflow.PublishDag(DagId);
        var client = prism.Client();

        for (var i = 0; i < 5; i++)
        {
            (await client.GetDagAsync(DagId, CancellationToken.None)).ShouldNotBeNull();
        }

        await client.GetImportErrorsAsync(CancellationToken.None);

        airflow.TokensIssued.ShouldBe(1);
        var requests = airflow.Requests;
        requests.Count(r => r.Is("POST", "/auth/token")).ShouldBe(1);
        requests.Where(r => r.Path.StartsWith("/api/v2/", StringComparison.Ordinal))
            .ShouldAllBe(r => r.Authorization != null && r.Authorization.StartsWith("Bearer ey") && r.StatusCode == 200);
    }

    [Fact]
    public async Task Login_sends_exactly_username_and_password_as_json()
    {
        await using var airflow = await prism.StartAirflowAsync();
        airflow.PublishDag(DagId);

        await prism.Client().GetDagAsync(DagId, CancellationToken.None);

        var login = airflow.Requests.Single(r => r.Is("POST", "/auth/token"));
        login.Json!.ToJsonString().ShouldBe($$"""{"username":"{{FakeAirflow.Username}}","password":"{{FakeAirflow.Password}}"}""");
        login.StatusCode.ShouldBe(201);
    }

    [Fact]
    public async Task An_expired_token_answered_with_401_is_renewed_and_the_call_repeated()
    {
        await using var airflow = await prism.StartAirflowAsync();
        airflow.PublishDag(DagId);
        airflow.TokensExpireAfterUses(2);
        var client = prism.Client();

        for (var i = 0; i < 5; i++)
        {
            (await client.GetDagAsync(DagId, CancellationToken.None)).ShouldNotBeNull();
        }

        // Uses 1-2 on the first token, a 401 and a new login, 3-4 on the second, a 401 and a third login for 5.
        airflow.TokensIssued.ShouldBe(3);
        var statuses = airflow.Requests.Select(r => $"{r.Method} {r.Path} {r.StatusCode}").ToList();
        statuses.ShouldBe(
        [
            "POST /auth/token 201", $"GET /api/v2/dags/{DagId} 200", $"GET /api/v2/dags/{DagId} 200",
            $"GET /api/v2/dags/{DagId} 401", "POST /auth/token 201", $"GET /api/v2/dags/{DagId} 200", $"GET /api/v2/dags/{DagId} 200",
            $"GET /api/v2/dags/{DagId} 401", "POST /auth/token 201", $"GET /api/v2/dags/{DagId} 200",
        ]);
    }

    [Fact]
    public async Task All_tokens_revoked_at_once_costs_one_new_login()
    {
        await using var airflow = await prism.StartAirflowAsync();
        airflow.PublishDag(DagId);
        var client = prism.Client();
        await client.GetDagAsync(DagId, CancellationToken.None);

        airflow.ExpireTokens();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.GetDagAsync(DagId, CancellationToken.None)));

        // Concurrent callers that all saw the 401 share the one renewal instead of logging in eight times.
        airflow.TokensIssued.ShouldBe(2);
    }

    [Fact]
    public async Task A_token_is_renewed_shortly_before_its_exp_without_waiting_for_a_401()
    {
        var clock = new AdjustableClock();
        await using var airflow = await prism.StartAirflowAsync(clock);
        airflow.TokenLifetime = TimeSpan.FromMinutes(10);
        airflow.PublishDag(DagId);
        var client = prism.Client(time: clock);

        await client.GetDagAsync(DagId, CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(8));
        await client.GetDagAsync(DagId, CancellationToken.None);
        airflow.TokensIssued.ShouldBe(1);

        // 10 minutes of life, so the margin is one minute: at 9.5 minutes the client logs in before calling.
        clock.Advance(TimeSpan.FromSeconds(90));
        await client.GetDagAsync(DagId, CancellationToken.None);

        airflow.TokensIssued.ShouldBe(2);
        airflow.Requests.ShouldNotContain(r => r.StatusCode == 401);
    }

    [Fact]
    public async Task A_second_401_right_after_logging_in_again_is_an_api_error()
    {
        await using var airflow = await prism.StartAirflowAsync();
        airflow.PublishDag(DagId);
        airflow.TokensExpireAfterUses(0);

        var error = await Should.ThrowAsync<AirflowApiException>(() => prism.Client().GetDagAsync(DagId, CancellationToken.None));

        error.StatusCode.ShouldBe(401);
        error.Detail.ShouldBe("Token Expired");
        airflow.TokensIssued.ShouldBe(2);
    }

    [Fact]
    public async Task Wrong_credentials_are_an_api_error_naming_the_user()
    {
        await using var airflow = await prism.StartAirflowAsync();
        airflow.PublishDag(DagId);

        var error = await Should.ThrowAsync<AirflowApiException>(() =>
            prism.Client(options => options.Password = "wrong").GetDagAsync(DagId, CancellationToken.None));

        error.StatusCode.ShouldBe(401);
        error.Detail.ShouldBe("Invalid credentials");
        error.Message.ShouldContain($"user '{FakeAirflow.Username}'");
        airflow.Requests.Count.ShouldBe(1);
    }
}
