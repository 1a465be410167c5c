using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Genie.Client;
using Genie.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Genie.Server.Tests.Access;

/// <summary>API keys through the API: shown once, stored hashed, named by their prefix, revoked and expired for good.</summary>
public sealed class ApiKeyTests : IAsyncLifetime
{
    private readonly CapturedLog _log = new();
    private readonly GenieApp _app;

    public ApiKeyTests() =>
        _app = new GenieApp()
            .With("Logging:LogLevel:Default", "Trace")
            .WithServices(services => services.AddSingleton<ILoggerProvider>(_log));

    [Fact]
    public async Task A_key_is_shown_once_stored_only_as_a_hash_and_works_until_revoked()
    {
        var admin = _app.CreateGenieClient();
        var created = await admin.CreateApiKeyAsync("ci for team", ["operator:team"]);
        var asKey = ClientWith(created.Key);
        var secretPart = created.Key[^20..];

        created.Key.ShouldStartWith("genie_" + created.ApiKey.Prefix + "_");
        created.ApiKey.Grants.ShouldBe(["operator:team"]);
        created.ApiKey.CreatedBy.ShouldBe("key:" + Prefix(TestCredentials.AdminKey));
        (await asKey.ApplyJobAsync("team", "built", TestSpecs.Yaml("built"))).Result.Job.Version.ShouldBe(1);

        var listed = await admin.ListApiKeysAsync();
        listed.Items.Select(k => k.Prefix).ShouldContain(created.ApiKey.Prefix);
        JsonSerializer.Serialize(listed).ShouldNotContain(secretPart, Case.Sensitive);
        await using (var db = await _app.OpenDatabaseAsync())
        {
            var rows = await db.QueryAsync<string>("select row_to_json(k)::text from api_keys k");
            rows.ShouldNotContain(row => row.Contains(secretPart, StringComparison.Ordinal));
        }

        await admin.RevokeApiKeyAsync(created.ApiKey.Prefix);

        var refused = await Should.ThrowAsync<GenieApiException>(() => asKey.ListJobsAsync("team"));
        refused.StatusCode.ShouldBe(401);
        refused.Problem.Detail!.ShouldContain(created.ApiKey.Prefix);
        refused.Problem.Detail!.ShouldNotContain(secretPart, Case.Sensitive);
        var revoked = await admin.Keys.GetAsync(created.ApiKey.Prefix);
        revoked.RevokedAt.ShouldNotBeNull();
        revoked.RevokedBy.ShouldBe("key:" + Prefix(TestCredentials.AdminKey));
        (await Should.ThrowAsync<GenieApiException>(() => admin.RevokeApiKeyAsync(created.ApiKey.Prefix))).StatusCode.ShouldBe(404);

        // The prefix names the key in logs; its secret part is nowhere.
        _log.Entries.ShouldNotContain(e => e.Message.Contains(secretPart, StringComparison.Ordinal));
        _log.Entries.ShouldContain(e => e.Message.Contains(created.ApiKey.Prefix, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_expired_key_is_refused()
    {
        var created = await _app.CreateGenieClient().CreateApiKeyAsync("short-lived", ["viewer:*"], DateTimeOffset.UtcNow.AddSeconds(2));
        var asKey = ClientWith(created.Key);
        (await asKey.ListAllJobsAsync()).Items.ShouldNotBeNull();

        await Task.Delay(TimeSpan.FromSeconds(2.5));

        (await Should.ThrowAsync<GenieApiException>(() => asKey.ListAllJobsAsync())).StatusCode.ShouldBe(401);
    }

    [Fact]
    public async Task Bad_keys_and_bad_requests_get_clear_answers()
    {
        using var http = _app.CreateClient();
        using var invalid = await http.PostAsJsonAsync("/api/v1/keys", new
        {
            name = "",
            grants = new[] { "operator:team", "owner:team", "viewer:Bad_Ns", "cluster-admin" },
            expiresAt = DateTimeOffset.UtcNow.AddDays(-1),
        });
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var paths = JsonDocument.Parse(await invalid.Content.ReadAsStringAsync()).RootElement.GetProperty("errors")
            .EnumerateArray().Select(e => e.GetProperty("path").GetString()).ToList();
        paths.ShouldBe(["body.name", "body.grants[1]", "body.grants[2]", "body.expiresAt"]);

        foreach (var credential in new[] { "genie_nosuchk1_" + new string('A', 43), "not-a-key", TestCredentials.AdminKey[..^1] + "x" })
        {
            var refused = await Should.ThrowAsync<GenieApiException>(() => ClientWith(credential).ListAllJobsAsync());
            refused.StatusCode.ShouldBe(401, credential);
        }
    }

    private GenieClient ClientWith(string key) => new(TestCredentials.Authorize(_app.CreateClient(), key));

    private static string Prefix(string key) => key.Split('_')[1];

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();
}
