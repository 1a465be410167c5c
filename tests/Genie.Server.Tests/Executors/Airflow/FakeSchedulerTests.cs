using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Genie.Server.Executors.Airflow.Client;

namespace Genie.Server.Tests.Executors.Airflow;

/// <summary>
/// The fake's scheduler where Genie's client does not reach it: a gate that closes, and a clear with
/// `run_on_latest_version` (airflow/MAPPING.md cites Airflow's rules).
/// </summary>
public sealed class FakeSchedulerTests
{
    private const string DagId = "genie__team__etl";
    private static readonly Dictionary<string, object?> NoConf = [];

    [Fact]
    public async Task A_closed_gate_skips_only_its_task_and_the_task_after_it_still_runs()
    {
        await using var airflow = await FakeAirflow.StartAsync();
        airflow.PublishDag(DagId, source: FakeDagFiles.Compile("""
                - {name: load, when: [{param: region, equals: eu}], command: [echo]}
                - {name: report, dependsOn: [load], command: [echo]}
            """, settings: "params: {region: {type: string, default: us}}"));
        var client = TestAirflowClient.For(airflow.BaseUrl);
        await client.TriggerAsync(DagId, "run-us", new Dictionary<string, object?> { ["region"] = "us" }, CancellationToken.None);

        airflow.Advance(DagId, "run-us", steps: 10);

        airflow.RunState(DagId, "run-us").ShouldBe("success");
        (await client.GetTaskInstancesAsync(DagId, "run-us", CancellationToken.None)).Select(i => (i.TaskId, i.State)).ShouldBe(
        [
            ("load__when", AirflowTaskState.Success),
            ("load", AirflowTaskState.Skipped),
            ("report", AirflowTaskState.Success),
            ("genie__outcome", AirflowTaskState.Success),
        ]);
    }

    [Fact]
    public async Task Clearing_on_the_latest_version_runs_the_tasks_of_the_newer_file()
    {
        await using var airflow = await FakeAirflow.StartAsync();
        airflow.PublishDag(DagId, source: FakeDagFiles.Compile("    - {name: load, command: [echo]}"));
        airflow.SetOutcome(DagId, "load", FakeTaskOutcome.Exits(1, 0));
        var client = TestAirflowClient.For(airflow.BaseUrl);
        await client.TriggerAsync(DagId, "run-1", NoConf, CancellationToken.None);
        airflow.Advance(DagId, "run-1", steps: 6);
        airflow.RunState(DagId, "run-1").ShouldBe("failed");
        airflow.PublishDag(DagId, source: FakeDagFiles.Compile("""
                - {name: load, command: [echo]}
                - {name: audit, dependsOn: [load], command: [echo]}
            """));

        using var http = new HttpClient { BaseAddress = new Uri(airflow.BaseUrl) };
        var login = await http.PostAsJsonAsync("/auth/token", new { username = FakeAirflow.Username, password = FakeAirflow.Password });
        var token = (await login.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var clear = await http.PostAsJsonAsync($"/api/v2/dags/{DagId}/clearTaskInstances",
            new { dag_run_id = "run-1", dry_run = false, only_failed = true, run_on_latest_version = true });
        clear.EnsureSuccessStatusCode();
        airflow.Advance(DagId, "run-1", steps: 10);

        airflow.RunState(DagId, "run-1").ShouldBe("success");
        (await client.GetTaskInstancesAsync(DagId, "run-1", CancellationToken.None)).Select(i => (i.TaskId, i.State, i.TryNumber)).ShouldBe(
        [
            ("load", AirflowTaskState.Success, 2),
            ("audit", AirflowTaskState.Success, 1),
            ("genie__outcome", AirflowTaskState.Success, 1),
        ]);
    }
}
