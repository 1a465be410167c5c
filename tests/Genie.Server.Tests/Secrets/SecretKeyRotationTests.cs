using System.Net.Http.Json;
using Dapper;
using Genie.Client;
using Genie.Client.Contracts;
using Genie.Server.Secrets;
using Genie.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Genie.Server.Tests.Secrets;

/// <summary>
/// Key rotation across restarts on one database: a new key with the old one listed re-encrypts every secret at
/// start; a key that cannot open the stored secrets stops the start with a message saying which key is missing.
/// </summary>
public sealed class SecretKeyRotationTests : IAsyncLifetime
{
    private readonly string _oldKey = SecretKey.Generate().ToBase64();
    private readonly string _newKey = SecretKey.Generate().ToBase64();
    private TestDatabase? _database;

    [Fact]
    public async Task A_new_key_re_encrypts_every_secret_at_start_and_a_key_that_cannot_open_them_stops_the_start()
    {
        await using (var first = await StartAsync(("Genie:Secrets:Key", _oldKey)))
        {
            using var http = first.CreateClient();
            foreach (var name in new[] { "one", "two" })
            {
                (await http.PostAsJsonAsync("/api/v1/namespaces/team/secrets",
                    new CreateSecretRequest(name, new Dictionary<string, string?> { ["k"] = "value-" + name }), GenieJson.Options)).EnsureSuccessStatusCode();
            }
        }

        await using (var rotated = await StartAsync(("Genie:Secrets:Key", _newKey), ("Genie:Secrets:PreviousKeys:0", _oldKey)))
        {
            var vault = rotated.Services.GetRequiredService<SecretVault>();
            (await vault.ReadValuesAsync("team", "two", CancellationToken.None))!["k"].ShouldBe("value-two");
            (await KeyIdsAsync()).ShouldBe([SecretKey.FromBase64(_newKey, "test").Id]);
        }

        // The old key alone no longer opens anything: the start says which key the secrets need.
        var stale = await RunUntilExitAsync(_oldKey);
        stale.ErrorOutput.Trim().ShouldBe(
            $"Genie did not start: A secret is encrypted under key {SecretKey.FromBase64(_newKey, "test").Id}, which is neither " +
            $"Genie:Secrets:Key nor one of Genie:Secrets:PreviousKeys (the current key is {SecretKey.FromBase64(_oldKey, "test").Id}). " +
            "Configure the key that sealed it.",
            stale.Output);
    }

    [Fact]
    public async Task A_malformed_configured_key_stops_the_start_without_echoing_it()
    {
        var failed = await RunUntilExitAsync("dG9vIHNob3J0");

        failed.ErrorOutput.ShouldStartWith("Genie did not start: Genie:Secrets:Key holds 9 bytes; an AES-256 key is 32 bytes", Case.Sensitive, failed.Output);
        (failed.Output + failed.ErrorOutput).ShouldNotContain("dG9vIHNob3J0");
    }

    public async Task InitializeAsync() => _database = await TestPostgres.CreateDatabaseAsync(nameof(SecretKeyRotationTests));

    public async Task DisposeAsync() => await _database!.DisposeAsync();

    private Task<GenieApp> StartAsync(params (string Key, string Value)[] settings) =>
        GenieApp.StartAsync([("Genie:Database:ConnectionString", _database!.ConnectionString), .. settings]);

    private async Task<ServerProcess> RunUntilExitAsync(string key)
    {
        var dataDir = TestPostgres.NewScratchDir();
        try
        {
            await using var server = await ServerProcess.RunUntilExitAsync(dataDir, TimeSpan.FromSeconds(120), new Dictionary<string, string>
            {
                ["Genie:Database:ConnectionString"] = _database!.ConnectionString,
                ["Genie:Secrets:Key"] = key,
            });
            server.ExitCode.ShouldBe(1, server.Output);
            return server;
        }
        finally
        {
            await TestPostgres.DeleteScratchDirAsync(dataDir);
        }
    }

    private async Task<List<string>> KeyIdsAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(_database!.ConnectionString);
        return (await connection.QueryAsync<string>("select distinct key_id from secrets")).AsList();
    }
}
