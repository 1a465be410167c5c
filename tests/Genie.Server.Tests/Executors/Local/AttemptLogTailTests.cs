using System.Text;
using Genie.Server.Executors.Local;

namespace Genie.Server.Tests.Executors.Local;

/// <summary>The last lines of an attempt log, read from the end.</summary>
public sealed class AttemptLogTailTests : IDisposable
{
    private readonly TaskSandbox _sandbox = new();

    public AttemptLogTailTests() => Directory.CreateDirectory(Path.GetDirectoryName(_sandbox.LogPath)!);

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task The_last_ten_of_a_hundred_thousand_lines()
    {
        var text = new StringBuilder();
        for (var i = 1; i <= 100_000; i++)
        {
            text.Append("line ").Append(i).Append('\n');
        }

        await File.WriteAllTextAsync(_sandbox.LogPath, text.ToString());

        var tail = await AttemptLog.TailAsync(_sandbox.LogPath, 10, CancellationToken.None);

        tail.ShouldBe(string.Concat(Enumerable.Range(99_991, 10).Select(i => $"line {i}\n")));
    }

    [Theory]
    [InlineData("one\ntwo\nthree", 2, "two\nthree")]
    [InlineData("one\ntwo\n", 5, "one\ntwo\n")]
    [InlineData("one\n\n\n", 2, "\n\n")]
    [InlineData("one\ntwo\n", 0, "")]
    [InlineData("", 3, "")]
    public async Task Tail_counts_lines_not_newlines(string content, int lines, string expected)
    {
        await File.WriteAllTextAsync(_sandbox.LogPath, content);

        (await AttemptLog.TailAsync(_sandbox.LogPath, lines, CancellationToken.None)).ShouldBe(expected);
    }

    [Fact]
    public async Task A_missing_log_has_an_empty_tail() =>
        (await AttemptLog.TailAsync(Path.Combine(_sandbox.Root, "no-such.log"), 10, CancellationToken.None)).ShouldBe("");
}
