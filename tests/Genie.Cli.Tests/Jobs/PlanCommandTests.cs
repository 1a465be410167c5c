using System.Text.Json;
using Genie.Cli.Tests.Infrastructure;

namespace Genie.Cli.Tests.Jobs;

/// <summary>`genie plan` and `apply --prune` as processes: exit codes, the spec diff, and pruning only the source's own jobs.</summary>
public sealed class PlanCommandTests(CliServer server) : IClassFixture<CliServer>
{
    [Fact]
    public async Task Plan_exits_2_with_changes_and_0_without_and_shows_a_diff_of_the_spec()
    {
        using var specs = new SpecDirectory();
        specs.WriteJob("one.yaml", "planned", "one", "first words");
        specs.WriteJob("two.yaml", "planned", "two");

        var fresh = await server.Cli().RunAsync("plan", "-f", specs.Path);
        fresh.ExitCode.ShouldBe(2, fresh.ToString());
        fresh.Output.ShouldContain("+ planned/one: created");
        fresh.Output.ShouldContain("Plan: 2 to create, 0 to change, 0 to delete, 0 unchanged.");
        (await server.Client.ListJobsAsync("planned")).Items.ShouldBeEmpty();

        await server.ApplyAsync(specs.Path);
        var clean = await server.Cli().RunAsync("plan", "-f", specs.Path);
        clean.ExitCode.ShouldBe(0, clean.ToString());
        clean.Output.ShouldContain("Plan: 0 to create, 0 to change, 0 to delete, 2 unchanged.");

        specs.WriteJob("one.yaml", "planned", "one", "second words");
        var changed = await server.Cli().RunAsync("plan", "-f", specs.Path);
        changed.ExitCode.ShouldBe(2, changed.ToString());
        changed.Output.ShouldContain("~ planned/one: changed");
        DiffLine(changed.Output, '-', "first words").ShouldBeTrue(changed.Output);
        DiffLine(changed.Output, '+', "second words").ShouldBeTrue(changed.Output);

        // Only what changed: the stored definition's key order (jsonb's) must not show up as a change.
        changed.Output.Split('\n').Count(l => l.StartsWith("    +", StringComparison.Ordinal) || l.StartsWith("    -", StringComparison.Ordinal)).ShouldBe(4, changed.Output);
        changed.Output.ShouldContain("= planned/two: unchanged");

        var json = await server.Cli().RunAsync("plan", "-f", specs.Path, "-o", "json");
        json.ExitCode.ShouldBe(2);
        using var document = JsonDocument.Parse(json.Output);
        var one = document.RootElement.EnumerateArray().Single(e => e.GetProperty("name").GetString() == "one");
        one.GetProperty("action").GetString().ShouldBe("changed");
        DiffLine(one.GetProperty("diff").GetString()!, '+', "second words").ShouldBeTrue();
    }

    [Fact]
    public async Task Prune_deletes_only_the_jobs_this_source_manages()
    {
        using var specs = new SpecDirectory();
        specs.WriteJob("keep.yaml", "gitops", "keep");
        specs.WriteJob("gone.yaml", "gitops", "gone");
        await server.ApplyAsync(specs.Path, "--source", "repo:team-a");

        using var other = new SpecDirectory();
        other.WriteJob("foreign.yaml", "gitops", "foreign");
        await server.ApplyAsync(other.Path, "--source", "repo:team-b");
        using var byHand = new SpecDirectory();
        var manual = byHand.WriteJob("manual.yaml", "gitops", "manual");
        await server.Client.ApplyJobAsync("gitops", "manual", File.ReadAllText(manual));

        specs.Delete("gone.yaml");
        var plan = await server.Cli().RunAsync("plan", "-f", specs.Path, "--source", "repo:team-a", "--prune");
        plan.ExitCode.ShouldBe(2, plan.ToString());
        plan.Output.ShouldContain("- gitops/gone: deleted");
        plan.Output.ShouldNotContain("foreign");
        plan.Output.ShouldNotContain("manual");
        var planWithoutPrune = await server.Cli().RunAsync("plan", "-f", specs.Path, "--source", "repo:team-a");
        planWithoutPrune.ExitCode.ShouldBe(0, planWithoutPrune.ToString());

        var pruned = await server.Cli().RunAsync("apply", "-f", specs.Path, "--source", "repo:team-a", "--prune");

        pruned.ExitCode.ShouldBe(0, pruned.ToString());
        pruned.Output.ShouldContain("deleted");
        (await server.Client.ListJobsAsync("gitops")).Items.Select(j => j.Name).ShouldBe(["foreign", "keep", "manual"]);
        (await server.Cli().RunAsync("plan", "-f", specs.Path, "--source", "repo:team-a", "--prune")).ExitCode.ShouldBe(0);
    }

    [Fact]
    public async Task The_default_source_is_the_directory_name_outside_a_checkout()
    {
        using var specs = new SpecDirectory();
        specs.WriteJob("job.yaml", "defaulted", "job");

        await server.ApplyAsync(specs.Path);

        (await server.Client.GetJobAsync("defaulted", "job")).Source.ShouldBe("dir:" + Path.GetFileName(specs.Path));
    }

    private static bool DiffLine(string output, char mark, string text) =>
        output.Split('\n').Any(l => l.TrimStart().StartsWith(mark) && !l.TrimStart().StartsWith($"{mark}{mark}{mark}") && l.Contains(text, StringComparison.Ordinal));
}
