using System.Text.RegularExpressions;
using Genie.Server.Tests.Executors.Airflow;

namespace Genie.Server.Tests.Executors.AirflowRuns;

/// <summary>
/// Plays Airflow's DAG processor for the fake: reads the DAG files Genie publishes to the bundle folder and
/// shows each one to the fake Airflow with the tags written in the file and the file itself, whose task graph the
/// fake's runs then execute, as a real processor would after a parse.
/// </summary>
public sealed partial class FakeDagProcessor : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public FakeDagProcessor(string bundle, FakeAirflow airflow, Func<string, bool>? parseable = null)
    {
        _loop = Task.Run(async () =>
        {
            var seen = new Dictionary<string, string>();
            while (!_stop.IsCancellationRequested)
            {
                foreach (var file in Directory.Exists(bundle) ? Directory.GetFiles(bundle, "*.py") : [])
                {
                    var source = await File.ReadAllTextAsync(file);
                    var dagId = Path.GetFileNameWithoutExtension(file);
                    if (seen.GetValueOrDefault(dagId) != source && (parseable?.Invoke(dagId) ?? true))
                    {
                        seen[dagId] = source;
                        airflow.PublishDag(dagId, HashTag().Matches(source).Select(m => m.Value).Distinct(), source: source);
                    }
                }

                await Task.Delay(50);
            }
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    [GeneratedRegex("genie-hash:[0-9a-f]{12}")]
    private static partial Regex HashTag();
}
