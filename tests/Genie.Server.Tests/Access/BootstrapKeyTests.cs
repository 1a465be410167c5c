using System.Text.RegularExpressions;
using Genie.Client;
using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests.Access;

/// <summary>
/// The first start on an empty database prints a cluster-admin key once; later starts and replicas that start beside
/// it print none; a configured bootstrap key is used instead, and a malformed one stops Genie with a clear line.
/// </summary>
public sealed partial class BootstrapKeyTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private readonly string _dataDir = TestPostgres.NewScratchDir();
    private TestDatabase _database = null!;

    [Fact]
    public async Task The_first_start_prints_one_admin_key_and_no_later_start_or_replica_prints_another()
    {
        var settings = Settings(bootstrapKey: "");
        string key;
        var started = await Task.WhenAll(new[] { "a", "b" }.Select(dir => ServerProcess.StartAsync(Path.Combine(_dataDir, dir), Patience, settings)));
        await using (var first = started[0])
        await using (var second = started[1])
        {
            var printed = new[] { first.Output, second.Output }.SelectMany(o => PrintedKey().Matches(o)).ToList();
            printed.Count.ShouldBe(1, "two replicas starting together on one empty database agree on one bootstrap key");
            key = printed[0].Groups[1].Value;

            var keys = await GenieClient.Connect(first.BaseAddress, key).ListApiKeysAsync();
            keys.Items.ShouldHaveSingleItem().Grants.ShouldBe(["cluster-admin"]);
            (await GenieClient.Connect(second.BaseAddress, key).ListApiKeysAsync()).Items.Count.ShouldBe(1);
            var logLines = (first.Output + second.Output).Split('\n').Where(l => l.StartsWith('{'));
            logLines.ShouldNotContain(l => l.Contains(key, StringComparison.Ordinal), "the key is printed on its own line, never in the logs");
        }

        await using var again = await ServerProcess.StartAsync(Path.Combine(_dataDir, "c"), Patience, settings);
        PrintedKey().IsMatch(again.Output).ShouldBeFalse();
        (await GenieClient.Connect(again.BaseAddress, key).ListApiKeysAsync()).Items.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_malformed_configured_key_stops_genie_with_one_clear_line()
    {
        var failed = await ServerProcess.RunUntilExitAsync(_dataDir, Patience, Settings(bootstrapKey: "hunter2"));

        failed.ExitCode.ShouldBe(1);
        failed.ErrorOutput.ShouldContain("Genie did not start: Genie:Auth:BootstrapKey is not a Genie API key");
        failed.Output.ShouldNotContain("hunter2");
    }

    private Dictionary<string, string> Settings(string bootstrapKey) => new()
    {
        ["Genie:Database:ConnectionString"] = _database.ConnectionString,
        [TestCredentials.BootstrapKeySetting] = bootstrapKey,
    };

    // The line is "...: genie_...", matched as printed; the JSON log lines start with '{'.
    [GeneratedRegex(@"^Genie bootstrap admin key \(shown once[^)]*\): (genie_[a-z0-9]{8}_[A-Za-z0-9_-]{43})\r?$", RegexOptions.Multiline)]
    private static partial Regex PrintedKey();

    public async Task InitializeAsync() => _database = await TestPostgres.CreateDatabaseAsync(nameof(BootstrapKeyTests) + Guid.NewGuid().ToString("N")[..6]);

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        await TestPostgres.DeleteScratchDirAsync(_dataDir);
    }
}
