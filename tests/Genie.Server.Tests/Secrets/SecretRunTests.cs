using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Genie.Client;
using Genie.Client.Contracts;
using Genie.Server.Tests.Infrastructure;
using Genie.Server.Tests.Runs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Genie.Server.Tests.Secrets;

/// <summary>
/// Jobs that use secrets: apply refuses references to secrets or keys that do not exist, the local executor hands the
/// values to the task as environment variables, and afterwards no value is anywhere but in the task's own process:
/// not in an answer, a log entry, an event, a row, a file of the data dir or an error message.
/// </summary>
public sealed class SecretRunTests : IAsyncLifetime
{
    private const string Password = "pw-7f3a9c-never-shown";
    private const string Token = "tok-51be02-never-shown";
    private readonly CapturedLog _log = new();
    private readonly GenieApp _app;
    private readonly StringBuilder _answers = new();

    public SecretRunTests()
    {
        _app = new GenieApp()
            .With("Logging:LogLevel:Default", "Trace")
            .WithServices(services => services.AddSingleton<ILoggerProvider>(_log));
    }

    [Fact]
    public async Task Apply_refuses_references_to_missing_secrets_and_keys_with_their_paths()
    {
        await CreateSecretAsync("refs", "warehouse", "password", Password);

        using var response = await ApplyAsync("refs", "broken", """
            defaults:
              secrets: [{name: warehouse, key: user, env: DB_USER}]
            secrets: [{name: warehouse, key: password, env: DB_PASSWORD}, {name: gone, key: k, env: GONE}]
            tasks:
              - name: only
                script: "true"
                secrets: [{name: missing, key: k, env: K}]
            """);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors")
            .EnumerateArray().Select(e => e.GetProperty("path").GetString()).ToList();
        errors.ShouldBe(["spec.secrets[1].name", "spec.defaults.secrets[0].key", "spec.tasks[0].secrets[0].name"]);
    }

    [Fact]
    public async Task Validate_checks_secret_references_for_callers_who_may_see_the_namespaces_secrets()
    {
        const string spec = """
            apiVersion: genie.dev/v1
            kind: Job
            metadata: {name: checked, namespace: vrefs}
            spec:
              tasks:
                - name: only
                  script: "true"
                  secrets: [{name: nowhere, key: k, env: K}]
            """;
        var viewerKey = (await _app.CreateGenieClient().CreateApiKeyAsync("viewer", ["viewer:vrefs"])).Key;

        using var asAdmin = await _app.CreateClient().PostAsync("/api/v1/validate", new StringContent(spec, Encoding.UTF8, "application/yaml"));
        using var asViewer = await TestCredentials.Authorize(_app.CreateClient(), viewerKey)
            .PostAsync("/api/v1/validate", new StringContent(spec, Encoding.UTF8, "application/yaml"));

        asAdmin.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        JsonDocument.Parse(await asAdmin.Content.ReadAsStringAsync()).RootElement.GetProperty("errors")
            .EnumerateArray().Select(e => e.GetProperty("path").GetString()).ShouldBe(["spec.tasks[0].secrets[0].name"]);
        asViewer.StatusCode.ShouldBe(HttpStatusCode.OK, "a viewer may not learn which secrets exist, so validate does not check them");
    }

    [Fact]
    public async Task The_local_executor_injects_secrets_as_env_and_no_value_leaks_anywhere()
    {
        await CreateSecretAsync("leak", "warehouse", "password", Password);
        await CreateSecretAsync("leak", "api", "token", Token);
        using (var applied = await ApplyAsync("leak", "uses-secrets", """
            secrets: [{name: warehouse, key: password, env: DB_PASSWORD}]
            tasks:
              - name: db
                script: printf '%s' "$DB_PASSWORD" | sha256sum
              - name: api
                dependsOn: [db]
                script: printf '%s' "$API_TOKEN" | sha256sum
                secrets: [{name: api, key: token, env: API_TOKEN}]
            """))
        {
            applied.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        var client = _app.CreateGenieClient();
        var run = await client.TriggerRunAsync("leak", "uses-secrets");
        (await client.UntilFinishedAsync("leak", run.Id)).State.ShouldBe("succeeded");
        (await Read($"/api/v1/namespaces/leak/runs/{run.Id}/tasks/db/logs")).ShouldContain(Sha256(Password));
        (await Read($"/api/v1/namespaces/leak/runs/{run.Id}/tasks/api/logs")).ShouldContain(Sha256(Token));

        // A secret deleted after apply fails the attempt with a message that names it.
        (await _app.CreateClient().DeleteAsync("/api/v1/namespaces/leak/secrets/api")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var second = await client.TriggerRunAsync("leak", "uses-secrets");
        (await client.UntilFinishedAsync("leak", second.Id)).State.ShouldBe("failed");
        (await Read($"/api/v1/namespaces/leak/runs/{second.Id}")).ShouldContain("secret leak/api does not exist");

        await Read("/api/v1/namespaces/leak/jobs/uses-secrets");
        await Read("/api/v1/namespaces/leak/secrets");
        await Read($"/api/v1/namespaces/leak/runs/{run.Id}");
        await Read("/api/v1/namespaces/leak/runs");
        _log.Entries.Count.ShouldBeGreaterThan(0);
        var rows = await EveryRowAsync();
        rows.ShouldContain("uses-secrets");
        var files = Directory.EnumerateFiles(_app.DataDir, "*", SearchOption.AllDirectories).ToList();
        files.ShouldContain(f => f.EndsWith(".log", StringComparison.Ordinal));

        foreach (var value in new[] { Password, Token })
        {
            _answers.ToString().ShouldNotContain(value);
            _log.Entries.ShouldAllBe(e => !e.Message.Contains(value) && (e.Exception == null || !e.Exception.ToString().Contains(value)));
            rows.ShouldNotContain(value);
            files.ShouldAllBe(f => !File.ReadAllText(f).Contains(value));
        }
    }

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    private async Task CreateSecretAsync(string ns, string name, string key, string value)
    {
        using var response = await _app.CreateClient().PostAsJsonAsync($"/api/v1/namespaces/{ns}/secrets",
            new CreateSecretRequest(name, new Dictionary<string, string?> { [key] = value }), GenieJson.Options);
        _answers.Append(await response.Content.ReadAsStringAsync());
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    private async Task<HttpResponseMessage> ApplyAsync(string ns, string name, string spec)
    {
        var yaml = $"apiVersion: genie.dev/v1\nkind: Job\nmetadata: {{name: {name}}}\nspec:\n" +
                   string.Join('\n', spec.Split('\n').Select(line => "  " + line));
        var response = await _app.CreateClient().PutAsync($"/api/v1/namespaces/{ns}/jobs/{name}",
            new StringContent(yaml, Encoding.UTF8, "application/yaml"));
        _answers.Append(await response.Content.ReadAsStringAsync());
        return response;
    }

    private async Task<string> Read(string path)
    {
        var text = await _app.CreateClient().GetStringAsync(path);
        _answers.Append(text);
        return text;
    }

    /// <summary>Every row of every table Genie owns, as text, except the ciphertexts of `secrets`.</summary>
    private async Task<string> EveryRowAsync()
    {
        await using var db = await _app.OpenDatabaseAsync();
        var tables = await db.QueryAsync<string>(
            "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'secrets'");
        var all = new StringBuilder();
        foreach (var table in tables)
        {
            all.AppendJoin('\n', await db.QueryAsync<string>($"select t::text from \"{table}\" t"));
        }

        return all.ToString();
    }

    private static string Sha256(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
