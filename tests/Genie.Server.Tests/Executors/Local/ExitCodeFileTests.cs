using System.Collections.Concurrent;
using Genie.Server.Executors.Local;

namespace Genie.Server.Tests.Executors.Local;

/// <summary>The exit code file that lets a restarted server learn how an attempt ended.</summary>
public sealed class ExitCodeFileTests : IDisposable
{
    private readonly TaskSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task The_exit_code_file_appears_whole_by_rename_and_holds_the_code()
    {
        var directory = Path.GetDirectoryName(_sandbox.ExitCodePath)!;
        Directory.CreateDirectory(directory);
        var events = new ConcurrentQueue<string>();
        var renamed = new TaskCompletionSource();
        using var watcher = new FileSystemWatcher(directory) { EnableRaisingEvents = true };
        watcher.Created += (_, e) => events.Enqueue($"created {e.Name}");
        watcher.Changed += (_, e) => events.Enqueue($"changed {e.Name}");
        watcher.Renamed += (_, e) =>
        {
            events.Enqueue($"renamed {e.OldName} -> {e.Name}");
            renamed.TrySetResult();
        };

        await _sandbox.RunAsync(_sandbox.Script("exit 42"));
        await renamed.Task.WaitAsync(TaskSandbox.HangGuard);

        (await File.ReadAllTextAsync(_sandbox.ExitCodePath)).ShouldBe("42");
        File.Exists(_sandbox.ExitCodePath + ".tmp").ShouldBeFalse();
        events.ShouldContain("renamed exit-code.tmp -> exit-code");
        events.ShouldNotContain(e => e.EndsWith(" exit-code", StringComparison.Ordinal) && !e.StartsWith("renamed", StringComparison.Ordinal));
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
