using System.Net;
using System.Text;
using Bunit;
using Genie.Client.Contracts;
using Genie.Portal.Runs;
using Genie.Portal.Session;
using Genie.Portal.Tests.Runs;
using Microsoft.Extensions.DependencyInjection;

namespace Genie.Portal.Tests.Components;

/// <summary>A run links to its trace when tracing is configured, and an airflow run to its DAG run in the Airflow UI.</summary>
public sealed class RunLinksTests
{
    private static readonly RunResource Local = SampleRuns.Run() with { TraceId = "4bf92f3577b34da6a3ce929d0e0e4736" };

    [Fact]
    public async Task The_trace_link_follows_the_portals_template()
    {
        await using var context = PortalTestContext.Create();
        context.Services.AddSingleton(new PortalOptions { TraceUrlTemplate = "https://tempo.example/trace/{traceId}" });

        var links = context.Render<RunLinks>(p => p.Add(l => l.Run, Local));

        links.Find("[data-testid=trace-link]").GetAttribute("href").ShouldBe("https://tempo.example/trace/4bf92f3577b34da6a3ce929d0e0e4736");
        links.FindAll("[data-testid=airflow-link]").ShouldBeEmpty();
    }

    [Fact]
    public async Task An_airflow_run_links_to_its_dag_run_by_the_dag_id_the_server_published()
    {
        await using var context = PortalTestContext.Create();
        context.Services.AddSingleton(new PortalOptions { AirflowUiUrl = new Uri("https://airflow.example/") });
        await SignInAsync(context, dagStatus: (HttpStatusCode.OK, """
            {"dagId": "genie__default__etl", "fileName": "genie__default__etl.py", "publishedAt": "2026-12-01T06:00:00Z"}
            """));

        var links = context.Render<RunLinks>(p => p.Add(l => l.Run, Local with { Executor = "airflow" }));

        links.WaitForAssertion(() => links.Find("[data-testid=airflow-link]").GetAttribute("href")
            .ShouldBe("https://airflow.example/dags/genie__default__etl/runs/run-1"));
    }

    [Fact]
    public async Task An_airflow_run_whose_dag_is_not_published_yet_says_so()
    {
        await using var context = PortalTestContext.Create();
        await SignInAsync(context, dagStatus: (HttpStatusCode.NotFound, """
            {"title": "Not Found", "status": 404, "detail": "Version 1 of default/etl has not been published to Airflow."}
            """));

        var links = context.Render<RunLinks>(p => p.Add(l => l.Run, Local with { Executor = "airflow" }));

        links.WaitForAssertion(() => links.Find("[data-testid=airflow-note]").TextContent.ShouldStartWith("Not published to Airflow yet"));
        links.FindAll("[data-testid=airflow-link]").ShouldBeEmpty();
    }

    [Fact]
    public async Task A_local_run_without_tracing_has_no_links()
    {
        await using var context = PortalTestContext.Create();

        var links = context.Render<RunLinks>(p => p.Add(l => l.Run, Local));

        links.FindAll("[data-testid=run-links]").ShouldBeEmpty();
    }

    // The portal signed in against a stand-in server that answers sign-in and the DAG status of etl v1.
    private static async Task SignInAsync(BunitContext context, (HttpStatusCode Status, string Json) dagStatus)
    {
        context.Services.AddHttpClient(PortalSession.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new StandIn(request =>
            request.RequestUri!.AbsolutePath switch
            {
                "/api/v1/jobs" => (HttpStatusCode.OK, """{"items": [], "nextCursor": null}"""),
                "/api/v1/whoami" => (HttpStatusCode.OK, """{"actor": "key:abcd1234", "grants": ["viewer:*"], "clusterAdmin": false}"""),
                "/api/v1/namespaces/default/jobs/etl/versions/1/dag/status" => dagStatus,
                _ => (HttpStatusCode.NotFound, """{"title": "Not Found", "status": 404}"""),
            }));
        await context.Services.GetRequiredService<PortalSession>().SignInAsync("genie_abcd1234_x", CancellationToken.None);
    }

    private sealed class StandIn(Func<HttpRequestMessage, (HttpStatusCode Status, string Json)> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var (status, json) = answer(request);
            var media = status == HttpStatusCode.OK ? "application/json" : "application/problem+json";
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, media) });
        }
    }
}
