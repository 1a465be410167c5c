using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests.Executors.LocalSemantics;

/// <summary>A command that cannot be run fails its task like any other failing program, with the shell's exit code 127.</summary>
public sealed class MissingProgramTests(GenieApp app) : IClassFixture<GenieApp>
{
    private readonly JobBench _bench = new(app, "missing");

    [Fact]
    public async Task A_program_that_does_not_exist_fails_the_task_with_exit_code_127()
    {
        await _bench.ApplyAsync("typo", """
            - name: typo
              command: [no-such-program-anywhere, --help]
            - name: after
              dependsOn: [typo]
              command: [echo, never]
            """);

        var run = await _bench.RunAsync("typo");

        run.State.ShouldBe("failed", run.Describe());
        run.Instance("typo").State.ShouldBe("failed");
        run.Instance("typo").ExitCode.ShouldBe(127);
        run.Instance("typo").Reason.ShouldBe("exit code 127");
        (await _bench.Client.GetTaskLogAsync(_bench.Namespace, run.Id, "typo")).ShouldContain("no-such-program-anywhere");
        run.Instance("after").State.ShouldBe("upstream_failed");
    }
}
