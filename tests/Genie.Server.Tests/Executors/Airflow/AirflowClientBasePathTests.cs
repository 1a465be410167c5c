using System.Net;
using Genie.Server.Executors.Airflow.Client;

namespace Genie.Server.Tests.Executors.Airflow;

/// <summary>
/// Airflow served below a path (its `[api] base_url`, e.g. behind an ingress): the token endpoint and the API are
/// both reached below that path. A stub answers, because neither Prism nor the fake serves below a prefix.
/// </summary>
public sealed class AirflowClientBasePathTests
{
    [Fact]
    public async Task A_base_url_with_a_path_keeps_it_for_login_and_api_calls()
    {
        var stub = new StubAirflow();
        var client = TestAirflowClient.Create(
            new AirflowOptions { BaseUrl = "http://airflow.example/team-a/airflow/", Username = "admin", Password = "secret", MaxRetries = 0 },
            handler: stub);

        (await client.GetDagRunAsync("etl", "run+1:2", CancellationToken.None)).ShouldBeNull();

        stub.Targets.ShouldBe(["POST /team-a/airflow/auth/token", "GET /team-a/airflow/api/v2/dags/etl/dagRuns/run%2B1%3A2"]);
    }

    /// <summary>Issues a token and answers every API call with 404, recording what was asked for.</summary>
    private sealed class StubAirflow : HttpMessageHandler
    {
        public List<string> Targets { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Targets.Add($"{request.Method} {request.RequestUri!.AbsolutePath}");
            return Task.FromResult(request.RequestUri.AbsolutePath.EndsWith("/auth/token", StringComparison.Ordinal)
                ? new HttpResponseMessage(HttpStatusCode.Created) { RequestMessage = request, Content = new StringContent("""{"access_token":"t"}""") }
                : new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request, Content = new StringContent("""{"detail":"not found"}""") });
        }
    }
}
