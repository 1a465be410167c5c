using Genie.Server.Executors.Local;

namespace Genie.Server.Tests.Executors.Local;

/// <summary>Following a log while a task writes it, as `genie logs --follow` does.</summary>
public sealed class AttemptLogFollowTests : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    private readonly TaskSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Follow_streams_a_running_task_and_stops_once_it_has_finished_and_the_log_is_drained()
    {
        using var task = _sandbox.Start(_sandbox.Script("for i in 1 2 3 4 5 6 7 8 9 10; do echo tick $i; sleep 0.1; done"));
        var received = new MemoryStream();
        var writesWhileRunning = 0;

        await AttemptLog.FollowAsync(_sandbox.LogPath, 0,
            _ => Task.FromResult(task.Completion.IsCompleted),
            (bytes, _) =>
            {
                writesWhileRunning += task.Completion.IsCompleted ? 0 : 1;
                received.Write(bytes.Span);
                return Task.CompletedTask;
            },
            Poll, CancellationToken.None).WaitAsync(TaskSandbox.HangGuard);

        received.ToArray().ShouldBe(await File.ReadAllBytesAsync(_sandbox.LogPath));
        _sandbox.Output("stdout").ShouldBe(Enumerable.Range(1, 10).Select(i => $"tick {i}"));
        writesWhileRunning.ShouldBeGreaterThan(0, "nothing arrived before the task had ended: the log was not streamed");
    }

    [Fact]
    public async Task Follow_starts_at_the_given_offset()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_sandbox.LogPath)!);
        await File.WriteAllTextAsync(_sandbox.LogPath, "seen already\nnew\n");
        var received = new MemoryStream();

        await AttemptLog.FollowAsync(_sandbox.LogPath, "seen already\n".Length, _ => Task.FromResult(true),
            (bytes, _) => { received.Write(bytes.Span); return Task.CompletedTask; }, Poll, CancellationToken.None);

        received.ToArray().ShouldBe("new\n"u8.ToArray());
    }

    [Fact]
    public async Task Follow_ends_with_cancellation_when_the_caller_goes_away()
    {
        using var caller = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Should.ThrowAsync<OperationCanceledException>(() => AttemptLog.FollowAsync(
            Path.Combine(_sandbox.Root, "never-written.log"), 0, _ => Task.FromResult(false),
            (_, _) => Task.CompletedTask, Poll, caller.Token));
    }
}
