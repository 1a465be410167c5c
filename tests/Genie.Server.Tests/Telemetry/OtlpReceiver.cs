using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Genie.Server.Tests.Telemetry;

/// <summary>
/// An OTLP/HTTP receiver on 127.0.0.1, as a collector's `otlp` receiver with the `http` protocol: it takes protobuf
/// POSTs on `/v1/traces` and `/v1/metrics` and keeps every body with its path and content type.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Path, string? ContentType, byte[] Body)> _posts = new();

    private OtlpReceiver(WebApplication app) => _app = app;

    public string Url => _app.Urls.Single();

    public IReadOnlyList<(string Path, string? ContentType, byte[] Body)> Posts => _posts.ToList();

    /// <summary>Every span received so far.</summary>
    public IReadOnlyList<OtlpSpan> Spans => Posts.Where(p => p.Path == "/v1/traces").SelectMany(p => OtlpTraceDecoder.Spans(p.Body)).ToList();

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var receiver = new OtlpReceiver(builder.Build());
        receiver._app.MapPost("/v1/{signal}", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            receiver._posts.Enqueue((context.Request.Path.Value!, context.Request.ContentType, body.ToArray()));
            // An empty ExportTraceServiceResponse: full success.
            context.Response.ContentType = "application/x-protobuf";
        });
        await receiver._app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
