using System.Text.Json;
using Genie.Cli.Tests.Infrastructure;

namespace Genie.Cli.Tests.Runs;

/// <summary>`genie cancel`, `suspend`, `resume` and `retry` as processes, and the exit code of a wait on a cancelled run.</summary>
public sealed class RunControlCommandTests(CliServer server) : IClassFixture<CliServer>
{
    [Fact]
    public async Task A_waiting_run_that_is_cancelled_exits_9_and_suspend_and_resume_answer_with_the_run()
    {
        using var specs = new SpecDirectory();
        await server.ApplyAsync(specs.WriteLocalJob("slow.yaml", "control", "slow", """
            tasks:
              - name: nap
                command: [sleep, "60"]
              - name: after
                dependsOn: [nap]
                command: ["true"]
            """));
        var waiting = server.Cli().RunAsync("run", "slow", "-n", "control", "--wait");
        var id = await FirstRunOfAsync("slow");

        var suspended = await server.Cli().RunAsync("suspend", id, "-n", "control", "-o", "json");
        suspended.ExitCode.ShouldBe(0, suspended.ToString());
        var resumed = await server.Cli().RunAsync("resume", id, "-n", "control");
        resumed.ExitCode.ShouldBe(0, resumed.ToString());
        resumed.Output.ShouldContain(id);

        var cancelled = await server.Cli().RunAsync("cancel", id, "-n", "control", "-o", "yaml");
        cancelled.ExitCode.ShouldBe(0, cancelled.ToString());
        cancelled.Output.ShouldContain("id: " + id);

        var waited = await waiting;
        waited.ExitCode.ShouldBe(9, waited.ToString());
    }

    [Fact]
    public async Task Retry_runs_the_failed_task_again()
    {
        using var specs = new SpecDirectory();
        await server.ApplyAsync(specs.WriteLocalJob("flaky.yaml", "control", "flaky", """
            tasks:
              - name: once
                command: ["false"]
            """));
        (await server.Cli().RunAsync("run", "flaky", "-n", "control", "--wait")).ExitCode.ShouldBe(1);
        var id = await FirstRunOfAsync("flaky");

        var retried = await server.Cli().RunAsync("retry", id, "-n", "control", "-o", "json");

        retried.ExitCode.ShouldBe(0, retried.ToString());
        using var run = JsonDocument.Parse(retried.Output);
        run.RootElement.GetProperty("id").GetString().ShouldBe(id);
        var all = await server.Cli().RunAsync("retry", "not-a-run", "-n", "control", "--all");
        all.ExitCode.ShouldNotBe(0, all.ToString());
    }

    private async Task<string> FirstRunOfAsync(string job)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (true)
        {
            var listed = await server.Cli().RunAsync("get", "runs", "-n", "control", "--job", job, "-o", "json");
            using var runs = JsonDocument.Parse(listed.Output);
            if (runs.RootElement.GetArrayLength() > 0)
            {
                return runs.RootElement[0].GetProperty("id").GetString()!;
            }

            DateTimeOffset.UtcNow.ShouldBeLessThan(deadline, "no run of " + job + " appeared");
            await Task.Delay(200);
        }
    }
}
