using Genie.Client;
using Genie.Server.Tests.Infrastructure;
using Genie.Server.Tests.Runs;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Genie.Server.Tests.Telemetry;

/// <summary>
/// Spans leave Genie over OTLP/HTTP for a real receiver, which decodes them from the protobuf wire format: the API
/// request, the trigger, admission and the attempts of one run share the trace whose id the run records.
/// </summary>
public sealed class TracingTests
{
    private const string Job = """
        apiVersion: genie.dev/v1
        kind: Job
        metadata: {name: traced}
        spec:
          tasks:
            - {name: only, command: ["true"]}
        """;

    [Fact]
    public async Task A_run_s_spans_reach_the_configured_OTLP_endpoint_in_the_trace_the_run_records()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var app = await GenieApp.StartAsync(
            ("Genie:Telemetry:OtlpEndpoint", receiver.Url),
            ("Genie:Telemetry:OtlpProtocol", "http/protobuf"),
            ("Genie:Telemetry:TraceUrlTemplate", "https://jaeger.example/trace/{traceId}"));
        var client = app.CreateGenieClient();
        await client.ApplyJobAsync("tracing", "traced", Job);

        var triggered = await client.TriggerRunAsync("tracing", "traced");
        var run = await client.UntilFinishedAsync("tracing", triggered.Id);

        run.State.ShouldBe("succeeded");
        run.TraceId.ShouldNotBeNull().ShouldMatch("^[0-9a-f]{32}$");
        triggered.TraceId.ShouldBe(run.TraceId);
        run.TraceUrl.ShouldBe($"https://jaeger.example/trace/{run.TraceId}");

        var spans = await SpansOfRunAsync(app, receiver, run.Id, "genie.run.trigger", "genie.run.admit", "genie.attempt.start", "genie.attempt.end");
        receiver.Posts.Where(p => p.Path == "/v1/traces").ShouldAllBe(p => p.ContentType == "application/x-protobuf");

        var trigger = spans.Single(s => s.Name == "genie.run.trigger");
        trigger.TraceId.ShouldBe(run.TraceId);
        trigger.Attributes["genie.namespace"].ShouldBe("tracing");
        trigger.Attributes["genie.job"].ShouldBe("traced");

        // The trigger ran inside the API request's span; the executor's later work hangs under the trigger.
        receiver.Spans.ShouldContain(s => s.SpanId == trigger.ParentSpanId && s.Attributes.GetValueOrDefault("http.request.method") == "POST");
        spans.Where(s => s.Name != "genie.run.trigger").ShouldAllBe(s => s.TraceId == run.TraceId && s.ParentSpanId == trigger.SpanId);
        var end = spans.Single(s => s.Name == "genie.attempt.end");
        end.Attributes["genie.task"].ShouldBe("only");
        end.Attributes["genie.attempt.state"].ShouldBe("succeeded");
    }

    [Fact]
    public async Task The_standard_OTLP_variables_configure_the_export_too()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var app = await GenieApp.StartAsync(
            ("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.Url),
            ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"));
        var client = app.CreateGenieClient();
        await client.ApplyJobAsync("tracing", "traced", Job);

        var run = await client.TriggerRunAsync("tracing", "traced");

        run.TraceUrl.ShouldBeNull();
        // The executor's spans of the run may have arrived by now too: pick the trigger's.
        var trigger = (await SpansOfRunAsync(app, receiver, run.Id, "genie.run.trigger")).Single(s => s.Name == "genie.run.trigger");
        trigger.TraceId.ShouldBe(run.TraceId);
    }

    [Fact]
    public async Task Without_an_endpoint_nothing_is_exported_but_runs_still_record_their_trace()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var app = await GenieApp.StartAsync();
        var client = app.CreateGenieClient();
        await client.ApplyJobAsync("tracing", "traced", Job);

        var run = await client.TriggerRunAsync("tracing", "traced");
        app.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000).ShouldBeTrue();

        run.TraceId.ShouldNotBeNull().ShouldMatch("^[0-9a-f]{32}$");
        run.TraceUrl.ShouldBeNull();
        receiver.Posts.ShouldBeEmpty();
    }

    /// <summary>
    /// Flushes the app's exporter until the receiver holds a span of each name about the run (span ends race the run's
    /// visible end by a moment). Other test apps in this process export Genie's spans too, so only this run's count.
    /// </summary>
    private static async Task<IReadOnlyList<OtlpSpan>> SpansOfRunAsync(GenieApp app, OtlpReceiver receiver, string runId, params string[] names)
    {
        var provider = app.Services.GetRequiredService<TracerProvider>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            provider.ForceFlush(10_000).ShouldBeTrue();
            var spans = receiver.Spans.Where(s => s.Attributes.GetValueOrDefault("genie.run.id") == runId).ToList();
            if (names.All(name => spans.Any(s => s.Name == name)))
            {
                return spans;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"spans of run {runId} received: {string.Join(", ", spans.Select(s => s.Name))}; expected {string.Join(", ", names)}");
            }

            await Task.Delay(200);
        }
    }
}
