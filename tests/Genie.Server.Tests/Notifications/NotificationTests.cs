using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Genie.Client;
using Genie.Client.Contracts;
using Genie.Server.Tests.Infrastructure;
using Genie.Server.Tests.Runs;

namespace Genie.Server.Tests.Notifications;

/// <summary>
/// `spec.notify` against a real HTTP receiver: signed deliveries on a run's end, `on` filtering, retries of a receiver
/// that fails first, and a receiver that is down until Genie gives up, every attempt visible through the API.
/// </summary>
public sealed class NotificationTests : IAsyncLifetime
{
    private const string Ns = "notify";
    private const string SigningKey = "whsec-test-value";
    private WebhookReceiver _receiver = null!;
    private GenieApp _app = null!;
    private GenieClient _client = null!;

    public async Task InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        // Short retry delays keep the test quick; the semantics do not depend on them.
        _app = await GenieApp.StartAsync(
            ("Genie:Notifications:PollInterval", "00:00:00.100"),
            ("Genie:Notifications:FirstRetryDelay", "00:00:00.200"),
            ("Genie:Notifications:MaxRetryDelay", "00:00:00.500"),
            ("Genie:Notifications:MaxAttempts", "3"));
        _client = _app.CreateGenieClient();
        using var response = await _app.CreateClient().PostAsJsonAsync($"/api/v1/namespaces/{Ns}/secrets",
            new CreateSecretRequest("hooks", new Dictionary<string, string?> { ["signing"] = SigningKey }), GenieJson.Options);
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_run_s_end_is_posted_signed_with_the_secret_whether_it_succeeded_or_failed()
    {
        var succeeded = await RunAsync("fine", "true", $"[{{webhook: '{_receiver.Url}/fine', secret: {{name: hooks, key: signing}}}}]");
        var failed = await RunAsync("broken", "false", $"[{{webhook: '{_receiver.Url}/broken', secret: {{name: hooks, key: signing}}}}]");

        foreach (var (run, path, state) in new[] { (succeeded, "/fine", "succeeded"), (failed, "/broken", "failed") })
        {
            var delivered = (await UntilAsync(run, all => all.All(n => n.Status == "delivered"))).Single();
            delivered.RunState.ShouldBe(state);
            delivered.Attempts.Select(a => a.StatusCode).ShouldBe([200]);

            var post = _receiver.Received.Single(r => r.Path == path);
            post.ContentType.ShouldBe("application/json");
            post.Delivery.ShouldBe(delivered.Id);
            VerifySignature(post).ShouldBeTrue();
            using var body = JsonDocument.Parse(post.Body);
            body.RootElement.GetProperty("deliveryId").GetString().ShouldBe(delivered.Id);
            body.RootElement.GetProperty("runId").GetString().ShouldBe(run.Id);
            body.RootElement.GetProperty("namespace").GetString().ShouldBe(Ns);
            body.RootElement.GetProperty("job").GetString().ShouldBe(run.Job);
            body.RootElement.GetProperty("version").GetInt32().ShouldBe(1);
            body.RootElement.GetProperty("state").GetString().ShouldBe(state);
            body.RootElement.GetProperty("actor").GetString().ShouldBe("executor");
            body.RootElement.GetProperty("finishedAt").GetDateTimeOffset().ShouldBe(run.FinishedAt!.Value, TimeSpan.FromMilliseconds(1));
        }

        // A signature made with another key, or over another body, does not verify: the check above can fail.
        var sample = _receiver.Received[0];
        VerifySignature(sample with { Body = sample.Body + " " }).ShouldBeFalse();
    }

    [Fact]
    public async Task Only_the_states_a_webhook_lists_are_posted_and_without_a_secret_nothing_is_signed()
    {
        var run = await RunAsync("filtered", "true",
            $"[{{on: [failed], webhook: '{_receiver.Url}/on-failure'}}, {{on: [running], webhook: '{_receiver.Url}/on-running'}}]");

        // Deliveries are written with the state change that owes them, so a finished run already lists all of its own.
        var notifications = await _client.GetRunNotificationsAsync(Ns, run.Id);
        notifications.Select(n => (n.RunState, n.Webhook)).ShouldBe([("running", $"{_receiver.Url}/on-running")]);
        await UntilAsync(run, all => all.All(n => n.Status == "delivered"));
        var post = _receiver.Received.Single();
        post.Path.ShouldBe("/on-running");
        post.Signature.ShouldBeEmpty();
    }

    [Fact]
    public async Task Apply_refuses_a_signing_secret_or_key_the_namespace_does_not_have_with_its_path()
    {
        var yaml = $$"""
            apiVersion: genie.dev/v1
            kind: Job
            metadata: {name: unsigned}
            spec:
              notify:
                - {webhook: '{{_receiver.Url}}/a', secret: {name: missing, key: signing} }
                - {webhook: '{{_receiver.Url}}/b', secret: {name: hooks, key: other} }
              tasks:
                - {name: only, command: ["true"]}
            """;
        using var response = await _app.CreateClient().PutAsync($"/api/v1/namespaces/{Ns}/jobs/unsigned",
            new StringContent(yaml, Encoding.UTF8, "application/yaml"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors")
            .EnumerateArray().Select(e => e.GetProperty("path").GetString()).ToList();
        errors.ShouldBe(["spec.notify[0].secret.name", "spec.notify[1].secret.key"]);
    }

    [Fact]
    public async Task A_receiver_that_fails_twice_gets_the_delivery_on_the_third_attempt()
    {
        _receiver.FailFirst("/flaky", 500, 500);
        var run = await RunAsync("flaky", "true", $"[{{webhook: '{_receiver.Url}/flaky'}}]");

        var delivered = (await UntilAsync(run, all => all.All(n => n.Status == "delivered"))).Single();

        delivered.Attempts.Select(a => (a.Attempt, a.StatusCode)).ShouldBe([(1, 500), (2, 500), (3, 200)]);
        delivered.Attempts.Select(a => a.Error).ShouldBe(["the receiver answered 500", "the receiver answered 500", null]);
        delivered.Attempts.Select(a => a.StartedAt).ShouldBeInOrder();
        delivered.FinishedAt.ShouldNotBeNull();
        delivered.NextAttemptAt.ShouldBeNull();
        _receiver.Received.Select(r => r.Delivery).ShouldBe([delivered.Id, delivered.Id, delivered.Id]);
    }

    [Fact]
    public async Task A_receiver_that_is_down_is_tried_up_to_the_limit_then_given_up()
    {
        var run = await RunAsync("unheard", "true", $"[{{webhook: 'http://127.0.0.1:{ClosedPort()}/hook'}}]");

        var failed = (await UntilAsync(run, all => all.All(n => n.Status == "failed"))).Single();

        failed.Attempts.Select(a => a.Attempt).ShouldBe([1, 2, 3]);
        failed.Attempts.ShouldAllBe(a => a.StatusCode == null && a.Error!.Contains("ConnectionError"));
        failed.NextAttemptAt.ShouldBeNull();
        failed.FinishedAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task A_delivery_left_pending_by_a_server_that_went_away_is_sent_by_the_next_one()
    {
        // This server's sender looks once at start, then not for an hour: what the run owes stays pending in the
        // database, as it would if the process died right after the commit.
        await using var stalled = await GenieApp.StartAsync(("Genie:Notifications:PollInterval", "01:00:00"));
        var client = stalled.CreateGenieClient();
        await client.ApplyJobAsync(Ns, "orphan", $$"""
            apiVersion: genie.dev/v1
            kind: Job
            metadata: {name: orphan}
            spec:
              notify: [{webhook: '{{_receiver.Url}}/orphan'}]
              tasks:
                - {name: only, command: ["true"]}
            """);
        var run = await client.UntilFinishedAsync(Ns, (await client.TriggerRunAsync(Ns, "orphan")).Id);
        var pending = (await client.GetRunNotificationsAsync(Ns, run.Id)).Single();
        pending.Status.ShouldBe("pending");
        pending.Attempts.ShouldBeEmpty();

        await using var next = await GenieApp.StartAsync(
            ("Genie:Database:ConnectionString", stalled.ConnectionString), ("Genie:Notifications:PollInterval", "00:00:00.100"));
        var nextClient = next.CreateGenieClient();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while ((await nextClient.GetRunNotificationsAsync(Ns, run.Id)).Single().Status != "delivered")
        {
            (DateTime.UtcNow < deadline).ShouldBeTrue("the pending delivery was never sent");
            await Task.Delay(100);
        }

        _receiver.Received.Single().Delivery.ShouldBe(pending.Id);
    }

    private async Task<RunResource> RunAsync(string job, string command, string notify)
    {
        await _client.ApplyJobAsync(Ns, job, $$"""
            apiVersion: genie.dev/v1
            kind: Job
            metadata: {name: {{job}}}
            spec:
              notify: {{notify}}
              tasks:
                - {name: only, command: ["{{command}}"]}
            """);
        var run = await _client.TriggerRunAsync(Ns, job);
        return await _client.UntilFinishedAsync(Ns, run.Id);
    }

    private async Task<IReadOnlyList<NotificationResource>> UntilAsync(RunResource run, Func<IReadOnlyList<NotificationResource>, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var notifications = await _client.GetRunNotificationsAsync(Ns, run.Id);
            if (notifications.Count > 0 && done(notifications))
            {
                return notifications;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"notifications of run {run.Id}: {JsonSerializer.Serialize(notifications)}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>What a receiver does: HMAC-SHA256 of "t.body" with the shared secret, and a fresh timestamp.</summary>
    private static bool VerifySignature(ReceivedWebhook post)
    {
        var parts = post.Signature.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var timestamp = long.Parse(parts["t"], CultureInfo.InvariantCulture);
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(SigningKey), Encoding.UTF8.GetBytes($"{parts["t"]}.{post.Body}")));
        return Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - timestamp) < 300
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(parts["v1"]));
    }

    /// <summary>A port nothing listens on: bound once to learn a free one, then released.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _receiver.DisposeAsync();
    }
}
