using Genie.Client;

namespace Genie.Chaos.Harness;

/// <summary>
/// Jobs whose one task ignores SIGTERM (`trap "" TERM`, inherited through `exec`) and would sleep for a long time:
/// `stubborn-timeout` hits its timeout, `stubborn-cancel` is cancelled. Only SIGKILL after the kill grace ends them.
/// Each task appends its pid to <see cref="PidFile"/>, so the test can see the process is gone.
/// </summary>
public sealed class StubbornJobs(string directory)
{
    public const string TimingOut = "stubborn-timeout";
    public const string Cancelled = "stubborn-cancel";

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public string PidFile { get; } = Path.Combine(directory, "stubborn-pids.txt");

    public async Task ApplyAsync(GenieClient client, CancellationToken cancellationToken)
    {
        await client.ApplyJobAsync(ChaosJobs.Namespace, TimingOut, Spec(TimingOut, Timeout), cancellationToken: cancellationToken);
        await client.ApplyJobAsync(ChaosJobs.Namespace, Cancelled, Spec(Cancelled, timeout: null), cancellationToken: cancellationToken);
    }

    /// <summary>Pids of stubborn tasks that still exist (a zombie counts as gone: it no longer runs).</summary>
    public IReadOnlyList<int> Survivors() =>
        File.Exists(PidFile)
            ? File.ReadAllLines(PidFile)
                .Where(line => line.Length > 0)
                .Select(line => int.Parse(line, System.Globalization.CultureInfo.InvariantCulture))
                .Where(IsRunning)
                .ToList()
            : [];

    public int Started => File.Exists(PidFile) ? File.ReadAllLines(PidFile).Count(line => line.Length > 0) : 0;

    private static bool IsRunning(int pid)
    {
        try
        {
            // Field 3 of /proc/PID/stat, after the parenthesised command name, is the state.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    private string Spec(string name, TimeSpan? timeout) => $$"""
        apiVersion: genie.dev/v1
        kind: Job
        metadata: {name: {{name}}}
        spec:
          tasks:
            - name: stubborn{{(timeout is { } limit ? $"\n      timeout: {limit.TotalSeconds}s" : "")}}
              script: 'trap "" TERM; echo $$ >> {{PidFile}}; exec sleep 300'
        """;
}
