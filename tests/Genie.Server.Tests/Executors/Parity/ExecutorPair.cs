using Genie.Client.Contracts;
using Genie.Core.Airflow;
using Genie.Server.Tests.Executors.Airflow;
using Genie.Server.Tests.Executors.AirflowRuns;
using Genie.Server.Tests.Executors.LocalSemantics;
using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests.Executors.Parity;

/// <summary>
/// One Genie server with the fake Airflow and its DAG processor beside it: a scenario's jobs run on the local
/// executor in one namespace and, as airflow jobs, on the fake Airflow (which executes the DAG Genie published) in
/// another, side by side.
/// </summary>
public sealed class ExecutorPair : IAsyncLifetime
{
    private const string LocalNamespace = "parity-local";
    private const string AirflowNamespace = "parity-airflow";
    private const string AirflowSettings = """
        executor: airflow
        defaults: {image: "busybox:1.36"}
        """;

    private readonly string _bundle = TestPostgres.NewScratchDir();
    private readonly AirflowBehindPrism _prism = new();
    private FakeAirflow _airflow = null!;
    private GenieApp _app = null!;
    private FakeDagProcessor _processor = null!;

    public async Task InitializeAsync()
    {
        await _prism.InitializeAsync();
        _airflow = await _prism.StartAirflowAsync();
        _app = await GenieApp.StartAsync(
            ("Genie:Airflow:BaseUrl", _prism.BaseUrl),
            ("Genie:Airflow:Username", FakeAirflow.Username),
            ("Genie:Airflow:Password", FakeAirflow.Password),
            ("Genie:Airflow:PollInterval", "00:00:00.050"),
            ("Genie:Airflow:Publish:Kind", "Folder"),
            ("Genie:Airflow:Publish:Folder", _bundle));
        _app.WithServices(services => TestAirflowClient.SendThrough(services, _prism.Recorder));
        _processor = new FakeDagProcessor(_bundle, _airflow);
    }

    public async Task DisposeAsync()
    {
        await _processor.DisposeAsync();
        await _app.DisposeAsync();
        await _airflow.DisposeAsync();
        await _prism.DisposeAsync();
        Directory.Delete(_bundle, recursive: true);
    }

    /// <summary>Fails when a request Genie sent to Airflow so far broke the official spec or bypassed Prism.</summary>
    public void ShouldHaveSentOnlyValidRequests() => _prism.ShouldHaveSentOnlyValidRequests();

    /// <summary>The scenario's finished run on each executor.</summary>
    public async Task<(RunResource Local, RunResource Airflow)> RunAsync(ParityScenario scenario)
    {
        var local = RunOnAsync(scenario, new JobBench(_app, LocalNamespace), "");
        var airflow = RunOnAsync(scenario, new JobBench(_app, AirflowNamespace), AirflowSettings);
        return (await local, await airflow);
    }

    private async Task<RunResource> RunOnAsync(ParityScenario scenario, JobBench bench, string executorSettings)
    {
        // Called jobs run once first, so that Airflow has their DAGs (Genie publishes a DAG when a run of it starts);
        // the outcomes apply from then on (on the local executor the first run already has them).
        foreach (var (name, tasks, settings) in scenario.Children)
        {
            await bench.ApplyAsync(name, scenario.TasksOf(name, tasks), executorSettings + "\n" + settings);
            await bench.RunAsync(name);
        }

        if (executorSettings.Length > 0)
        {
            foreach (var outcome in scenario.Outcomes)
            {
                _airflow.SetOutcome(DagIds.For(bench.Namespace, outcome.Job), outcome.Task, new FakeTaskOutcome(outcome.ExitCodes), outcome.Replica);
            }
        }

        await bench.ApplyAsync(scenario.Job, scenario.TasksOf(scenario.Job, scenario.Tasks), executorSettings + "\n" + scenario.Settings);
        var run = await bench.RunAsync(scenario.Job, [.. scenario.Params]);
        if (!scenario.RetryFailed || run.State != "failed")
        {
            return run;
        }

        var attempts = Attempts(run);
        await bench.Client.RetryRunAsync(bench.Namespace, run.Id);
        return await bench.Client.UntilAsync(run, r => r.IsFinished() && Attempts(r) > attempts, "finished after its retry");
    }

    private static int Attempts(RunResource run) => run.Tasks?.Sum(t => t.History.Count) ?? 0;
}
