using System.Text;
using Genie.Server.Executors.Local;

namespace Genie.Server.Tests.Executors.Local;

/// <summary>The per-attempt log cap and the splitting of overlong lines.</summary>
public sealed class AttemptLogLimitTests : IDisposable
{
    private readonly TaskSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Output_past_the_log_limit_is_dropped_after_one_marker_while_the_program_runs_to_its_end()
    {
        var limits = new LogLimits(MaxLogBytes: 10_000, MaxLineBytes: 1024);

        // 5 MB is far more than the pipe buffers: the program only ends if the pipes keep being drained.
        var outcome = await _sandbox.RunAsync(_sandbox.Script("yes 0123456789 | head -c 5000000"), limits);

        outcome.ShouldBe(new ProcessOutcome(ProcessEnd.Exited, 0, null));
        var lines = _sandbox.LogLines();
        lines[^1].ShouldBe(lines[^1] with { Stream = "genie", Text = "log limit of 10000 bytes reached; further output is dropped" });
        lines.Count(l => l.Stream == "genie").ShouldBe(1);
        var sizeBeforeMarker = new FileInfo(_sandbox.LogPath).Length - Encoding.UTF8.GetByteCount(_sandbox.Log().Split('\n')[^2] + "\n");
        sizeBeforeMarker.ShouldBeLessThanOrEqualTo(10_000);
    }

    [Fact]
    public async Task A_line_longer_than_the_limit_is_split_between_characters()
    {
        var limits = LogLimits.Default with { MaxLineBytes = 10 };

        await _sandbox.RunAsync(_sandbox.Launch("printf", "%s\\n", "€€€€€"), limits); // 15 bytes

        _sandbox.Output("stdout").ShouldBe(["€€€", "€€"]);
    }

    [Fact]
    public async Task A_line_of_exactly_the_limit_stays_whole()
    {
        var limits = LogLimits.Default with { MaxLineBytes = 10 };

        await _sandbox.RunAsync(_sandbox.Launch("printf", "%s\\n%s\\n", "0123456789", "next"), limits);

        _sandbox.Output("stdout").ShouldBe(["0123456789", "next"]);
    }
}
