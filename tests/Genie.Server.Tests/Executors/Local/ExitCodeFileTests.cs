using Genie.Server.Executors.Local;

namespace Genie.Server.Tests.Executors.Local;

/// <summary>The exit code file that lets a restarted server learn how an attempt ended.</summary>
public sealed class ExitCodeFileTests : IDisposable
{
    private readonly TaskSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task The_wrapper_writes_the_programs_exit_code_to_the_file_beside_the_log()
    {
        var outcome = await _sandbox.RunAsync(_sandbox.Script("exit 42"));

        outcome.ExitCode.ShouldBe(42);
        (await File.ReadAllTextAsync(_sandbox.ExitCodePath)).ShouldBe("42");
        File.Exists(_sandbox.ExitCodePath + ".tmp").ShouldBeFalse();
    }

    [Fact]
    public async Task A_stale_exit_code_file_is_removed_at_start_so_recovery_cannot_mistake_a_running_attempt_for_a_finished_one()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_sandbox.ExitCodePath)!);
        await File.WriteAllTextAsync(_sandbox.ExitCodePath, "0");

        using var task = _sandbox.Start(_sandbox.Script("echo ready; sleep 300"));
        await _sandbox.WaitForStdoutAsync(t => t == "ready");

        ExitCodeFile.TryRead(_sandbox.ExitCodePath).ShouldBeNull();
        task.Cancel("test over");
        await task.Completion.WaitAsync(TaskSandbox.HangGuard);
    }

    [Theory]
    [InlineData("7", 7)]
    [InlineData("137\n", 137)]
    [InlineData("", null)]
    [InlineData("garbage", null)]
    public async Task TryRead_parses_a_code_and_rejects_anything_else(string content, int? expected)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_sandbox.ExitCodePath)!);
        await File.WriteAllTextAsync(_sandbox.ExitCodePath, content);

        ExitCodeFile.TryRead(_sandbox.ExitCodePath).ShouldBe(expected);
    }

    [Fact]
    public void TryRead_is_null_for_a_missing_file() =>
        ExitCodeFile.TryRead(Path.Combine(_sandbox.Root, "nowhere", "exit-code")).ShouldBeNull();
}
