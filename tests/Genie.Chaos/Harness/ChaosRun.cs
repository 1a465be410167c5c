using System.Diagnostics;
using Genie.Client;
using Genie.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Genie.Chaos.Harness;

/// <summary>
/// One scenario's world: its PostgreSQL cluster, its Genie server processes (each started as users run it, on a
/// data dir of its own), the task ledger and the trigger load. It runs the load with the scenario's faults spread
/// over it, lets everything settle and checks the invariants.
/// </summary>
public sealed class ChaosRun : IAsyncDisposable
{
    /// <summary>Short enough that recovery and retries finish within a scenario; each scenario may override them.</summary>
    /// <summary>The SIGTERM → SIGKILL grace the servers get.</summary>
    public static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(2);

    private static readonly IReadOnlyDictionary<string, string> Defaults = new Dictionary<string, string>
    {
        ["Genie:Local:PollInterval"] = "00:00:00.500",
        ["Genie:Local:HeartbeatInterval"] = "00:00:01",
        ["Genie:Local:ReplicaTimeout"] = "00:00:05",
        ["Genie:Local:KillGrace"] = KillGrace.ToString(),
        // The tasks mostly sleep: more slots than cores, so the load's runs do not queue behind each other.
        ["Genie:Local:Slots"] = "16",
    };

    private static readonly TimeSpan StartPatience = TimeSpan.FromMinutes(2);
    private readonly ITestOutputHelper _output;
    private readonly string _scratch;
    private readonly List<ServerProcess> _servers = [];
    private readonly CancellationTokenSource _patience;

    private ChaosRun(ITestOutputHelper output, ChaosCluster cluster, string scratch, IReadOnlyList<string> jobs)
    {
        _output = output;
        Cluster = cluster;
        _scratch = scratch;
        Ledger = new TaskLedger(scratch);
        Load = new TriggerLoad(Size, jobs);
        _patience = new CancellationTokenSource(Size.Load + Size.Settle + StartPatience);
    }

    public static ChaosSize Size => ChaosSize.Current;

    public ChaosCluster Cluster { get; }

    /// <summary>The scenario's scratch folder: the servers' data dirs, the ledger, any file a task writes.</summary>
    public string Scratch => _scratch;

    public TaskLedger Ledger { get; }

    public TriggerLoad Load { get; }

    /// <summary>Cancelled when the scenario has taken longer than its size allows.</summary>
    public CancellationToken Patience => _patience.Token;

    public static async Task<ChaosRun> StartAsync(ITestOutputHelper output, IReadOnlyList<string>? jobs = null)
    {
        output.WriteLine($"size {Size}");
        var cluster = await ChaosCluster.StartAsync(CancellationToken.None);
        return new ChaosRun(output, cluster, TestPostgres.NewScratchDir(), jobs ?? ChaosJobs.Load);
    }

    /// <summary>A data dir for one server (a restarted server gets the same name again).</summary>
    public string DataDir(string name) => Path.Combine(_scratch, name);

    /// <summary>
    /// Starts `dotnet Genie.Server.dll` on <paramref name="dataDir"/> and the scenario's database (or
    /// <paramref name="connectionString"/>), with the chaos defaults and then <paramref name="settings"/>.
    /// </summary>
    public async Task<ServerProcess> StartServerAsync(
        string dataDir, IReadOnlyDictionary<string, string>? settings = null, string? connectionString = null)
    {
        var all = new Dictionary<string, string>(Defaults)
        {
            ["Genie:Database:ConnectionString"] = connectionString ?? Cluster.ConnectionString,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        var server = await ServerProcess.StartAsync(dataDir, StartPatience, all);
        _servers.Add(server);
        return server;
    }

    /// <summary>A client that gives up on a request after a while, as a real one would (a request cut by a fault is sent again).</summary>
    public static GenieClient ClientOf(ServerProcess server) =>
        new(TestCredentials.Authorize(new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(20) }));

    /// <summary>Runs the steady load and calls <paramref name="fault"/> with 0, 1, ... at the size's fault times; waits until every trigger is answered.</summary>
    public async Task LoadWithFaultsAsync(Func<int, Task> fault)
    {
        var clock = Stopwatch.StartNew();
        var load = Load.RunAsync(Patience);
        for (var i = 0; i < Size.Faults; i++)
        {
            var wait = Size.FaultAt(i) - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, Patience);
            }

            _output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: fault {i + 1}");
            await fault(i);
        }

        await load;
        _output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: load stopped");
        await Load.DrainAsync(Patience);
        _output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: every trigger answered");
    }

    /// <summary>Lets every run end, checks the invariants, reports and asserts them.</summary>
    public async Task<ChaosVerdict> SettleAndCheckAsync(RunExpectation? expectation = null)
    {
        var clock = Stopwatch.StartNew();
        await ChaosInvariants.UntilSettledAsync(Cluster.ConnectionString, Size.Settle, Patience);
        _output.WriteLine($"settled in {clock.Elapsed.TotalSeconds:0.0} s");
        var snapshot = await ChaosInvariants.ReadAsync(Cluster.ConnectionString, Patience);
        var verdict = ChaosInvariants.Check(snapshot, Load.Triggers, Ledger.Entries(), expectation ?? RunExpectation.AllSucceed);
        _output.WriteLine(verdict.ToString());
        verdict.Violations.ShouldBeEmpty();
        verdict.Runs.ShouldBeGreaterThan(0);
        return verdict;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        await Cluster.DisposeAsync();
        await TestPostgres.DeleteScratchDirAsync(_scratch);
        _patience.Dispose();
    }
}
