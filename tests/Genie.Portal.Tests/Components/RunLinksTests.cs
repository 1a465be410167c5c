using System.Text.Json;
using Bunit;
using Genie.Client.Contracts;
using Genie.Portal.Runs;
using Microsoft.Extensions.DependencyInjection;

namespace Genie.Portal.Tests.Components;

/// <summary>A run links to its trace when tracing is configured, and shows no link row for a local run without one.</summary>
public sealed class RunLinksTests
{
    private static readonly RunResource Local = new(
        "run-1", "default", "etl", 1, "local", "succeeded", null, new Dictionary<string, JsonElement>(), 0, "manual", "key:abcd1234",
        null, null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null, null, [], TraceId: "4bf92f3577b34da6a3ce929d0e0e4736");

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
    public async Task A_local_run_without_tracing_has_no_links()
    {
        await using var context = PortalTestContext.Create();

        var links = context.Render<RunLinks>(p => p.Add(l => l.Run, Local));

        links.FindAll("[data-testid=run-links]").ShouldBeEmpty();
    }
}
