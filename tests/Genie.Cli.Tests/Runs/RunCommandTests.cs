using System.Text.Json;
using Genie.Cli.Tests.Infrastructure;

namespace Genie.Cli.Tests.Runs;

/// <summary>`genie run --wait` and `genie logs -f` as processes against a real Genie running local tasks.</summary>
public sealed class RunCommandTests(CliServer server) : IClassFixture<CliServer>
{
    [Fact]
    public async Task Run_wait_exits_0_when_the_run_succeeds_and_shows_task_progress()
    {
        using var specs = new SpecDirectory();
        await server.ApplyAsync(specs.WriteLocalJob("greet.yaml", "runs", "greet", """
            params:
              times: {type: integer, default: 1}
              who: {type: string, default: world}
            tasks:
              - name: hello
                command: [echo, "hello ${{ params.who }} ${{ params.times }}"]
            """));

        var result = await server.Cli().RunAsync("run", "greet", "-n", "runs", "--param", "who=cli", "-p", "times=3", "--wait", "-o", "json");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Error.ShouldContain("task hello: running");
        result.Error.ShouldContain("task hello: succeeded");
        using var run = JsonDocument.Parse(result.Output);
        run.RootElement.GetProperty("state").GetString().ShouldBe("succeeded");
        run.RootElement.GetProperty("params").GetProperty("times").GetInt32().ShouldBe(3);

        var logs = await server.Cli().RunAsync("logs", run.RootElement.GetProperty("id").GetString()!, "hello", "-n", "runs");
        logs.ExitCode.ShouldBe(0, logs.ToString());
        logs.Output.ShouldContain("hello cli 3");
    }

    [Fact]
    public async Task Run_wait_exits_1_when_the_run_fails_and_bad_params_name_their_path()
    {
        using var specs = new SpecDirectory();
        await server.ApplyAsync(specs.WriteLocalJob("fail.yaml", "runs", "doomed", """
            params:
              count: {type: integer, default: 1}
            tasks:
              - name: boom
                command: [sh, -c, "echo going down; exit 3"]
            """));

        var failed = await server.Cli().RunAsync("run", "doomed", "-n", "runs", "--wait");

        failed.ExitCode.ShouldBe(1, failed.ToString());
        failed.Error.ShouldContain("task boom: failed (exit 3)");
        failed.Output.ShouldContain("failed");

        var badParam = await server.Cli().RunAsync("run", "doomed", "-n", "runs", "--param", "count=many");
        badParam.ExitCode.ShouldBe(6, badParam.ToString());
        badParam.Error.ShouldContain("body.params.count");

        var badTimeout = await server.Cli().RunAsync("run", "doomed", "-n", "runs", "--wait", "--timeout", "soon");
        badTimeout.ExitCode.ShouldBe(3, badTimeout.ToString());
    }

    [Fact]
    public async Task Run_wait_gives_up_at_the_timeout_with_its_own_exit_code()
    {
        using var specs = new SpecDirectory();
        await server.ApplyAsync(specs.WriteLocalJob("slow.yaml", "runs", "slow", """
            tasks:
              - name: nap
                command: [sleep, "30"]
            """));

        var result = await server.Cli().RunAsync("run", "slow", "-n", "runs", "--wait", "--timeout", "2s");

        result.ExitCode.ShouldBe(10, result.ToString());
    }

    [Fact]
    public async Task Logs_follow_streams_the_lines_until_the_task_ends()
    {
        using var specs = new SpecDirectory();
        await server.ApplyAsync(specs.WriteLocalJob("chatty.yaml", "runs", "chatty", """
            tasks:
              - name: talk
                command: [sh, -c, "echo first line; sleep 2; echo last line"]
            """));
        var triggered = await server.Cli().RunAsync("run", "chatty", "-n", "runs", "-o", "json");
        triggered.ExitCode.ShouldBe(0, triggered.ToString());
        using var run = JsonDocument.Parse(triggered.Output);
        var id = run.RootElement.GetProperty("id").GetString()!;

        // Followed at once: the CLI waits for the task's first attempt before it asks for the log.
        var followed = await server.Cli().RunAsync("logs", id, "talk", "-n", "runs", "-f");

        followed.ExitCode.ShouldBe(0, followed.ToString());
        followed.Output.ShouldContain("first line");
        followed.Output.ShouldContain("last line");
        var described = await server.Cli().RunAsync("describe", "run", id, "-n", "runs");
        described.Output.ShouldContain("talk");
    }

    [Fact]
    public async Task Following_the_log_of_a_task_that_never_runs_says_so_instead_of_failing()
    {
        using var specs = new SpecDirectory();
        await server.ApplyAsync(specs.WriteLocalJob("doomed.yaml", "runs", "doomed", """
            tasks:
              - name: fail
                command: [sh, -c, "sleep 1; exit 3"]
              - name: after
                dependsOn: [fail]
                command: [echo, never]
            """));
        var triggered = await server.Cli().RunAsync("run", "doomed", "-n", "runs", "-o", "json");
        using var run = JsonDocument.Parse(triggered.Output);

        var followed = await server.Cli().RunAsync("logs", run.RootElement.GetProperty("id").GetString()!, "after", "-n", "runs", "-f");

        followed.ExitCode.ShouldBe(0, followed.ToString());
        followed.Error.ShouldContain("Task after did not run: the run ended with it upstream_failed.");
        followed.Output.ShouldNotContain("never");
    }
}
