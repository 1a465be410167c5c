using Genie.Server.Executors.Local;

namespace Genie.Server.Tests.Executors.Local;

/// <summary>Tasks get a minimal environment plus their own variables, never the server's.</summary>
public sealed class TaskEnvironmentTests : IDisposable
{
    private const string ServerSecret = "GENIE_TEST_SERVER_DATABASE_PASSWORD";

    private readonly TaskSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task The_task_sees_its_own_variables_and_a_PATH_but_not_the_servers_variables()
    {
        Environment.SetEnvironmentVariable(ServerSecret, "hunter2");
        var launch = _sandbox.Launch("env") with
        {
            Environment = new Dictionary<string, string> { ["GREETING"] = "hello world", ["EMPTY"] = "" },
        };

        await _sandbox.RunAsync(launch);

        var variables = _sandbox.Output("stdout").Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        variables["GREETING"].ShouldBe("hello world");
        variables["EMPTY"].ShouldBe("");
        variables["PATH"].ShouldNotBeNullOrEmpty();
        variables.ShouldContainKey("HOME");
        variables.ShouldNotContainKey(ServerSecret);
        variables.Values.ShouldNotContain("hunter2");
    }

    [Fact]
    public async Task A_task_PATH_replaces_the_base_one_and_the_exit_code_is_still_recorded()
    {
        var launch = _sandbox.Launch("/bin/sh", "-c", "echo \"$PATH\"; exit 5") with
        {
            Environment = new Dictionary<string, string> { ["PATH"] = "/nonexistent" },
        };

        var outcome = await _sandbox.RunAsync(launch);

        _sandbox.Output("stdout").ShouldBe(["/nonexistent"]);
        outcome.ExitCode.ShouldBe(5);
        ExitCodeFile.TryRead(_sandbox.ExitCodePath).ShouldBe(5);
    }
}
