using System.Text;
using Genie.Server.Executors.Local;

namespace Genie.Server.Tests.Executors.Local;

/// <summary>Reading an attempt log by byte ranges, as the logs API pages through it.</summary>
public sealed class AttemptLogReadTests : IDisposable
{
    private readonly TaskSandbox _sandbox = new();

    public AttemptLogReadTests() => Directory.CreateDirectory(Path.GetDirectoryName(_sandbox.LogPath)!);

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Consecutive_reads_return_consecutive_ranges_and_flag_the_end()
    {
        await File.WriteAllTextAsync(_sandbox.LogPath, "alpha\nbeta\ngamma\n");

        var first = await AttemptLog.ReadAsync(_sandbox.LogPath, 0, 6, CancellationToken.None);
        var second = await AttemptLog.ReadAsync(_sandbox.LogPath, first.NextOffset, 100, CancellationToken.None);
        var past = await AttemptLog.ReadAsync(_sandbox.LogPath, second.NextOffset, 100, CancellationToken.None);

        first.ShouldBe(new LogChunk("alpha\n", 6, false));
        second.ShouldBe(new LogChunk("beta\ngamma\n", 17, true));
        past.ShouldBe(new LogChunk("", 17, true));
    }

    [Fact]
    public async Task A_read_that_would_end_inside_a_UTF8_character_stops_before_it()
    {
        await File.WriteAllBytesAsync(_sandbox.LogPath, Encoding.UTF8.GetBytes("a€b")); // € takes 3 bytes

        var first = await AttemptLog.ReadAsync(_sandbox.LogPath, 0, 2, CancellationToken.None);
        var second = await AttemptLog.ReadAsync(_sandbox.LogPath, first.NextOffset, 3, CancellationToken.None);

        first.ShouldBe(new LogChunk("a", 1, false));
        second.ShouldBe(new LogChunk("€", 4, false));
    }

    [Fact]
    public async Task A_missing_log_reads_as_an_empty_chunk()
    {
        var chunk = await AttemptLog.ReadAsync(Path.Combine(_sandbox.Root, "no-such.log"), 0, 100, CancellationToken.None);

        chunk.ShouldBe(new LogChunk("", 0, true));
    }
}
