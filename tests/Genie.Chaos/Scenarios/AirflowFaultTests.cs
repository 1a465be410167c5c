using Genie.Chaos.Harness;
using Genie.Server.Tests.Executors.Airflow;
using Genie.Server.Tests.Executors.AirflowRuns;
using Xunit.Abstractions;

namespace Genie.Chaos.Scenarios;

/// <summary>
/// Runs on the Airflow executor (the server tests' fake Airflow, its DAG processor playing Airflow's) while the fake
/// answers 5xx for a while, holds requests past Genie's request timeout and expires every token: each Genie run gets
/// exactly one DAG run, under its own id, and every run finishes.
/// </summary>
[Trait("Category", "Chaos")]
public sealed class AirflowFaultTests(ITestOutputHelper output)
{
    private const string Job = "relay";
    private const string DagId = $"genie__{ChaosJobs.Namespace}__{Job}";
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Every_run_gets_one_dag_run_while_airflow_fails_stalls_and_expires_tokens()
    {
        await using var airflow = await FakeAirflow.StartAsync();
        await using var run = await ChaosRun.StartAsync(output, [Job]);
        var bundle = Path.Combine(run.Scratch, "dags");
        await using var processor = new FakeDagProcessor(bundle, airflow);
        var server = await run.StartServerAsync(run.DataDir("genie"), new Dictionary<string, string>
        {
            ["Genie:Airflow:BaseUrl"] = airflow.BaseUrl,
            ["Genie:Airflow:Username"] = FakeAirflow.Username,
            ["Genie:Airflow:Password"] = FakeAirflow.Password,
            ["Genie:Airflow:RequestTimeout"] = RequestTimeout.ToString(),
            ["Genie:Airflow:PollInterval"] = "00:00:00.100",
            ["Genie:Airflow:ParseTimeout"] = "00:00:30",
            ["Genie:Airflow:Publish:Kind"] = "Folder",
            ["Genie:Airflow:Publish:Folder"] = bundle,
        });
        var client = ChaosRun.ClientOf(server);
        await client.ApplyJobAsync(ChaosJobs.Namespace, Job, $$"""
            apiVersion: genie.dev/v1
            kind: Job
            metadata: {name: {{Job}}}
            spec:
              executor: airflow
              defaults: {image: "busybox:1.36"}
              tasks:
                - {name: first, command: [echo, one]}
                - {name: second, dependsOn: [first], command: [echo, two]}
            """, cancellationToken: run.Patience);
        airflow.PublishDag(DagId);
        run.Load.PointAt(client);

        await run.LoadWithFaultsAsync(async fault =>
        {
            // Each kind of trouble in turn; meanwhile every token expires at once and then after a few uses each.
            airflow.ExpireTokens();
            airflow.TokensExpireAfterUses(5);
            switch (fault % 3)
            {
                case 0:
                    airflow.FailRequestsFor(ChaosRun.Size.Outage, 503);
                    break;
                case 1:
                    airflow.DelayNextRequests(4, RequestTimeout * 3);
                    break;
                default:
                    airflow.FailRequestsFor(ChaosRun.Size.Outage, 500);
                    break;
            }

            await Task.Delay(ChaosRun.Size.Outage, run.Patience);
            airflow.TokensExpireAfterUses(null);
        });

        var verdict = await run.SettleAndCheckAsync(RunExpectation.AllSucceed with { TasksWriteLedger = false });
        var dagRuns = airflow.RunIds(DagId);
        output.WriteLine($"{dagRuns.Count} DAG runs, {airflow.TokensIssued} tokens issued, {airflow.Requests.Count} requests to Airflow");
        dagRuns.Count.ShouldBe(verdict.Runs, "one DAG run per Genie run");
        dagRuns.ShouldBe(run.Load.Triggers.Select(t => t.RunIds[0]).Distinct(), ignoreOrder: true);
        airflow.TokensIssued.ShouldBeGreaterThan(1);
    }
}
