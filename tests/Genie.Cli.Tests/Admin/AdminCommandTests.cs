using System.Text.Json;
using Genie.Cli.Tests.Infrastructure;

namespace Genie.Cli.Tests.Admin;

/// <summary>`genie schedule`, `keys`, `secrets`, `audit` and `completion` as processes against a real Genie.</summary>
public sealed class AdminCommandTests(CliServer server) : IClassFixture<CliServer>
{
    [Fact]
    public async Task Schedules_pause_and_resume()
    {
        using var specs = new SpecDirectory();
        await server.ApplyAsync(specs.WriteLocalJob("cron.yaml", "admin", "nightly", """
            schedule: {cron: "0 3 * * *", timezone: UTC}
            tasks: [{name: main, command: ["true"]}]
            """));

        var paused = await server.Cli().RunAsync("schedule", "pause", "nightly", "-n", "admin", "-o", "json");
        paused.ExitCode.ShouldBe(0, paused.ToString());
        using (var schedule = JsonDocument.Parse(paused.Output))
        {
            schedule.RootElement.GetProperty("paused").GetBoolean().ShouldBeTrue();
        }

        var resumed = await server.Cli().RunAsync("schedule", "resume", "nightly", "-n", "admin");
        resumed.ExitCode.ShouldBe(0, resumed.ToString());
        resumed.Output.Split('\n').ShouldContain(l => l.StartsWith("Paused:", StringComparison.Ordinal) && l.TrimEnd().EndsWith("no", StringComparison.Ordinal));
        (await server.Cli().RunAsync("schedule", "show", "nightly", "-n", "admin", "-o", "yaml")).Output.ShouldContain("paused: false");
    }

    [Fact]
    public async Task Keys_are_created_once_listed_and_revoked()
    {
        var created = await server.Cli().RunAsync("keys", "create", "ci", "--grant", "viewer:admin", "-o", "json");
        created.ExitCode.ShouldBe(0, created.ToString());
        using var document = JsonDocument.Parse(created.Output);
        var key = document.RootElement.GetProperty("key").GetString()!;
        var prefix = document.RootElement.GetProperty("apiKey").GetProperty("prefix").GetString()!;

        (await server.Cli().WithEnvironment("GENIE_KEY", key).RunAsync("get", "jobs", "-n", "admin")).ExitCode.ShouldBe(0);
        var listed = await server.Cli().RunAsync("keys", "list");
        listed.Output.ShouldContain(prefix);
        listed.Output.ShouldNotContain(key);

        (await server.Cli().RunAsync("keys", "revoke", prefix)).ExitCode.ShouldBe(0);
        (await server.Cli().WithEnvironment("GENIE_KEY", key).RunAsync("get", "jobs", "-n", "admin")).ExitCode.ShouldBe(5);
    }

    [Fact]
    public async Task Secrets_are_set_twice_listed_by_name_and_deleted()
    {
        (await server.Cli().RunAsync("secrets", "set", "db", "-n", "admin", "--data", "password=one")).ExitCode.ShouldBe(0);
        var rotated = await server.Cli().RunAsync("secrets", "set", "db", "-n", "admin", "--data", "password=two", "--data", "user=genie");
        rotated.ExitCode.ShouldBe(0, rotated.ToString());

        var listed = await server.Cli().RunAsync("secrets", "list", "-n", "admin");
        listed.Output.ShouldContain("password,user");
        listed.Output.ShouldNotContain("two");

        (await server.Cli().RunAsync("secrets", "delete", "db", "-n", "admin")).ExitCode.ShouldBe(0);
        (await server.Cli().RunAsync("secrets", "delete", "db", "-n", "admin")).ExitCode.ShouldBe(4);
        (await server.Cli().RunAsync("secrets", "set", "empty", "-n", "admin")).ExitCode.ShouldBe(3);
    }

    [Fact]
    public async Task Audit_lists_what_was_done_filtered_by_action()
    {
        (await server.Cli().RunAsync("secrets", "set", "audited", "-n", "audit-ns", "--data", "k=v")).ExitCode.ShouldBe(0);

        var audit = await server.Cli().RunAsync("audit", "--namespace", "audit-ns", "-o", "json");

        audit.ExitCode.ShouldBe(0, audit.ToString());
        using var records = JsonDocument.Parse(audit.Output);
        records.RootElement.EnumerateArray().ShouldContain(r => r.GetProperty("namespace").GetString() == "audit-ns");
    }

    [Fact]
    public async Task Completion_prints_a_bash_script_naming_every_command()
    {
        var result = await new GenieCli().RunAsync("completion", "bash");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain("complete -F _genie genie");
        result.Output.ShouldContain("\"context\") echo \"set use list current delete\"");
        result.Output.ShouldContain("--prune");
        (await new GenieCli().RunAsync("completion", "fish")).ExitCode.ShouldBe(3);
    }
}
