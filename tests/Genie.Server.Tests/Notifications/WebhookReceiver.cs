using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Genie.Server.Tests.Notifications;

/// <summary>
/// A webhook receiver on 127.0.0.1 that keeps every POST (path, Genie's headers, body) and answers 200, or, per path,
/// the status codes scripted with <see cref="FailFirst"/> before that.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> _scripts = new(StringComparer.Ordinal);

    private WebhookReceiver(WebApplication app) => _app = app;

    public string Url => _app.Urls.Single();

    public IReadOnlyList<ReceivedWebhook> Received => _received.ToList();

    /// <summary>The next POSTs to <paramref name="path"/> are answered with <paramref name="statuses"/>, in order.</summary>
    public void FailFirst(string path, params int[] statuses) => _scripts[path] = new ConcurrentQueue<int>(statuses);

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var receiver = new WebhookReceiver(builder.Build());
        receiver._app.MapPost("/{**path}", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var path = context.Request.Path.Value!;
            receiver._received.Enqueue(new ReceivedWebhook(
                path, context.Request.Headers["Genie-Signature"].ToString(), context.Request.Headers["Genie-Delivery"].ToString(),
                context.Request.ContentType, body));
            context.Response.StatusCode = receiver._scripts.TryGetValue(path, out var script) && script.TryDequeue(out var status) ? status : 200;
        });
        await receiver._app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
