using Genie.Server.Executors.Airflow.Client;

namespace Genie.Server.Tests.Executors.Airflow;

/// <summary>Run-level calls against the fake Airflow: trigger, follow, logs, cancel, retry failed tasks.</summary>
[Collection(AirflowBehindPrismCollection.Name)]
public sealed class AirflowClientRunTests(AirflowBehindPrism prism) : IAsyncLifetime
{
    private const string DagId = "etl";

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        prism.ShouldHaveSentOnlyValidRequests();
        return Task.CompletedTask;
    }

    private static readonly Dictionary<string, object?> NoConf = [];

    private static readonly string ExtractThenLoad = FakeDagFiles.Compile("""
            - {name: extract, command: [echo, extract]}
            - {name: load, dependsOn: [extract], command: [echo, load]}
        """);

    [Fact]
    public async Task Trigger_sends_the_run_id_a_null_logical_date_and_the_conf()
    {
        await using var airflow = await prism.StartAirflowAsync();
        airflow.PublishDag(DagId);
        var client = prism.Client();
        var conf = new Dictionary<string, object?> { ["batchSize"] = 42, ["region"] = "eu", ["dryRun"] = null };

        var result = await client.TriggerAsync(DagId, "genie-7f3a2c", conf, CancellationToken.None);

        result.Outcome.ShouldBe(AirflowTriggerOutcome.Created);
        result.Run.DagRunId.ShouldBe("genie-7f3a2c");
        result.Run.DagId.ShouldBe(DagId);
        result.Run.State.ShouldBe(AirflowDagRunState.Queued);
        result.Run.LogicalDate.ShouldBeNull();
        result.Run.QueuedAt.ShouldNotBeNull();
        var trigger = airflow.Requests.Single(r => r.Is("POST", $"/api/v2/dags/{DagId}/dagRuns"));
        trigger.Body.ShouldBe("""{"dag_run_id":"genie-7f3a2c","logical_date":null,"conf":{"batchSize":42,"region":"eu","dryRun":null}}""");
    }

    [Fact]
    public async Task Triggering_the_same_run_id_again_returns_the_existing_run()
    {
        await using var airflow = await prism.StartAirflowAsync();
        airflow.PublishDag(DagId);
        var client = prism.Client();
        await client.TriggerAsync(DagId, "genie-1", NoConf, CancellationToken.None);

        var again = await client.TriggerAsync(DagId, "genie-1", NoConf, CancellationToken.None);

        again.Outcome.ShouldBe(AirflowTriggerOutcome.AlreadyExists);
        again.Run.DagRunId.ShouldBe("genie-1");
        airflow.RunIds(DagId).ShouldBe(["genie-1"]);
        airflow.Requests.Count(r => r.StatusCode == 409).ShouldBe(1);
    }

    [Fact]
    public async Task Run_ids_with_plus_and_colon_are_escaped_in_paths()
    {
        await using var airflow = await prism.StartAirflowAsync();
        airflow.PublishDag(DagId);
        var client = prism.Client();
        const string runId = "manual__2026-01-19T10:00:00+00:00";

        await client.TriggerAsync(DagId, runId, NoConf, CancellationToken.None);
        var run = await client.GetDagRunAsync(DagId, runId, CancellationToken.None);

        run.ShouldNotBeNull().DagRunId.ShouldBe(runId);
        airflow.Requests.Last().RawTarget.ShouldBe($"/api/v2/dags/{DagId}/dagRuns/manual__2026-01-19T10%3A00%3A00%2B00%3A00");
    }

    [Fact]
    public async Task An_unknown_run_is_null()
    {
        await using var airflow = await prism.StartAirflowAsync();
        airflow.PublishDag(DagId);

        (await prism.Client().GetDagRunAsync(DagId, "never-triggered", CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task Polling_reads_each_task_through_airflows_states_and_the_run_with_them()
    {
        await using var airflow = await prism.StartAirflowAsync();
        airflow.PublishDag(DagId, source: ExtractThenLoad);
        var client = prism.Client();
        await client.TriggerAsync(DagId, "run-ok", NoConf, CancellationToken.None);

        var seen = new Dictionary<string, List<AirflowTaskState?>>();
        for (var poll = 0; poll < 8; poll++)
        {
            foreach (var instance in await client.GetTaskInstancesAsync(DagId, "run-ok", CancellationToken.None))
            {
                var states = seen.TryGetValue(instance.TaskId, out var known) ? known : seen[instance.TaskId] = [];
                if (states.Count == 0 || states[^1] != instance.State)
                {
                    states.Add(instance.State);
                }
            }
        }

        // A task waits without a state until its upstream task succeeded; the added outcome task needs no worker.
        seen["extract"].ShouldBe([AirflowTaskState.Scheduled, AirflowTaskState.Queued, AirflowTaskState.Running, AirflowTaskState.Success]);
        seen["load"].ShouldBe([null, AirflowTaskState.Scheduled, AirflowTaskState.Queued, AirflowTaskState.Running, AirflowTaskState.Success]);
        seen["genie__outcome"].ShouldBe([null, AirflowTaskState.Success]);
        var run = await client.GetDagRunAsync(DagId, "run-ok", CancellationToken.None);
        run!.State.ShouldBe(AirflowDagRunState.Success);
        run.StartDate.ShouldNotBeNull();
        run.EndDate.ShouldNotBeNull();
        var extract = (await client.GetTaskInstancesAsync(DagId, "run-ok", CancellationToken.None)).First();
        extract.TryNumber.ShouldBe(1);
        extract.MapIndex.ShouldBe(-1);
        extract.StartDate.ShouldNotBeNull();
        extract.EndDate.ShouldNotBeNull();
    }

    [Fact]
    public async Task A_failed_task_fails_the_run()
    {
        await using var airflow = await prism.StartAirflowAsync();
        airflow.PublishDag(DagId, source: ExtractThenLoad);
        airflow.SetOutcome(DagId, "load", FakeTaskOutcome.Exits(1));
        var client = prism.Client();
        await client.TriggerAsync(DagId, "run-bad", NoConf, CancellationToken.None);

        airflow.Advance(DagId, "run-bad", steps: 8);
        var run = await client.GetDagRunAsync(DagId, "run-bad", CancellationToken.None);

        run!.State.ShouldBe(AirflowDagRunState.Failed);
        (await client.GetTaskInstancesAsync(DagId, "run-bad", CancellationToken.None)).Select(i => (i.TaskId, i.State)).ShouldBe(
            [("extract", AirflowTaskState.Success), ("load", AirflowTaskState.Failed), ("genie__outcome", AirflowTaskState.UpstreamFailed)]);
    }

    [Fact]
    public async Task Task_instances_of_a_wide_mapped_task_are_read_across_pages()
    {
        await using var airflow = await prism.StartAirflowAsync();
        airflow.PublishDag(DagId, source: FakeDagFiles.Compile("    - {name: shard, replicas: 130, command: [echo]}"));
        var client = prism.Client();
        airflow.AutoAdvance = false;
        await client.TriggerAsync(DagId, "run-wide", NoConf, CancellationToken.None);

        var instances = await client.GetTaskInstancesAsync(DagId, "run-wide", CancellationToken.None);

        instances.Where(i => i.TaskId == "shard").Select(i => i.MapIndex).ShouldBe(Enumerable.Range(0, 130));
        instances.ShouldAllBe(i => i.State == null && i.TryNumber == 0);
        airflow.Requests.Where(r => r.Path.EndsWith("/taskInstances", StringComparison.Ordinal)).Select(r => r.Query)
            .ShouldBe(["?limit=100&offset=0", "?limit=100&offset=100"]);
    }

    [Fact]
    public async Task A_task_log_comes_back_as_text_one_line_per_message()
    {
        await using var airflow = await prism.StartAirflowAsync();
        airflow.PublishDag(DagId, source: FakeDagFiles.Compile("    - {name: shard, replicas: 2, retry: {limit: 1, delay: 1s}, command: [echo]}"));
        airflow.SetOutcome(DagId, "shard", FakeTaskOutcome.Exits(1, 0));
        var client = prism.Client();
        await client.TriggerAsync(DagId, "run-log", NoConf, CancellationToken.None);
        airflow.Advance(DagId, "run-log", steps: 10);
        airflow.SetTaskLog(DagId, "run-log", "shard", tryNumber: 2, mapIndex: 1, "starting pod", "rows: 1200", "done");

        var log = await client.GetTaskLogAsync(DagId, "run-log", "shard", tryNumber: 2, mapIndex: 1, CancellationToken.None);

        log.ShouldBe("starting pod\nrows: 1200\ndone\n");
        airflow.Requests.Last().Query.ShouldBe("?map_index=1&full_content=true");
        (await client.GetTaskInstancesAsync(DagId, "run-log", CancellationToken.None)).Where(i => i.TaskId == "shard")
            .Select(i => (i.State, i.TryNumber)).ShouldBe([(AirflowTaskState.Success, 2), (AirflowTaskState.Success, 2)]);
    }

    [Fact]
    public async Task The_log_of_an_attempt_that_never_happened_is_an_api_error()
    {
        await using var airflow = await prism.StartAirflowAsync();
        airflow.PublishDag(DagId);
        var client = prism.Client();
        await client.TriggerAsync(DagId, "run-1", NoConf, CancellationToken.None);

        var error = await Should.ThrowAsync<AirflowApiException>(() =>
            client.GetTaskLogAsync(DagId, "run-1", "main", tryNumber: 3, mapIndex: -1, CancellationToken.None));

        error.StatusCode.ShouldBe(404);
        error.Detail.ShouldBe("TaskInstance not found");
    }

    [Fact]
    public async Task Marking_a_run_failed_cancels_it_fails_running_tasks_and_skips_the_rest()
    {
        await using var airflow = await prism.StartAirflowAsync();
        airflow.PublishDag(DagId, source: FakeDagFiles.Compile("""
                - {name: long, command: [sleep, "3600"]}
                - {name: after, dependsOn: [long], command: [echo]}
            """));
        airflow.SetOutcome(DagId, "long", FakeTaskOutcome.Hangs);
        var client = prism.Client();
        await client.TriggerAsync(DagId, "run-cancel", NoConf, CancellationToken.None);
        airflow.Advance(DagId, "run-cancel", steps: 4);

        await client.MarkDagRunFailedAsync(DagId, "run-cancel", CancellationToken.None);

        var patch = airflow.Requests.Single(r => r.Method == "PATCH");
        patch.Path.ShouldBe($"/api/v2/dags/{DagId}/dagRuns/run-cancel");
        patch.Query.ShouldBeEmpty();
        patch.Body.ShouldBe("""{"state":"failed"}""");
        (await client.GetDagRunAsync(DagId, "run-cancel", CancellationToken.None))!.State.ShouldBe(AirflowDagRunState.Failed);
        (await client.GetTaskInstancesAsync(DagId, "run-cancel", CancellationToken.None)).Select(i => (i.TaskId, i.State)).ShouldBe(
            [("long", AirflowTaskState.Failed), ("after", AirflowTaskState.Skipped), ("genie__outcome", AirflowTaskState.Skipped)]);
    }

    [Fact]
    public async Task Clearing_failed_tasks_reruns_them_as_a_new_try_and_the_run_can_still_succeed()
    {
        await using var airflow = await prism.StartAirflowAsync();
        airflow.PublishDag(DagId, source: ExtractThenLoad);
        airflow.SetOutcome(DagId, "load", FakeTaskOutcome.Exits(1, 0));
        var client = prism.Client();
        await client.TriggerAsync(DagId, "run-retry", NoConf, CancellationToken.None);
        airflow.Advance(DagId, "run-retry", steps: 8);
        airflow.RunState(DagId, "run-retry").ShouldBe("failed");

        await client.ClearFailedTasksAsync(DagId, "run-retry", CancellationToken.None);

        var clear = airflow.Requests.Single(r => r.Is("POST", $"/api/v2/dags/{DagId}/clearTaskInstances"));
        clear.Body.ShouldBe("""{"dag_run_id":"run-retry","dry_run":false,"only_failed":true,"reset_dag_runs":true}""");
        airflow.RunState(DagId, "run-retry").ShouldBe("queued");
        airflow.Advance(DagId, "run-retry", steps: 5);
        (await client.GetDagRunAsync(DagId, "run-retry", CancellationToken.None))!.State.ShouldBe(AirflowDagRunState.Success);
        (await client.GetTaskInstancesAsync(DagId, "run-retry", CancellationToken.None)).Select(i => (i.TaskId, i.State, i.TryNumber)).ShouldBe(
        [
            ("extract", AirflowTaskState.Success, 1),
            ("load", AirflowTaskState.Success, 2),
            ("genie__outcome", AirflowTaskState.Success, 1),
        ]);
    }

    [Fact]
    public async Task Runs_of_a_paused_dag_stay_queued_until_it_is_unpaused()
    {
        await using var airflow = await prism.StartAirflowAsync();
        airflow.PublishDag(DagId, pausedUponCreation: true);
        var client = prism.Client();
        await client.TriggerAsync(DagId, "run-paused", NoConf, CancellationToken.None);

        for (var poll = 0; poll < 4; poll++)
        {
            (await client.GetDagRunAsync(DagId, "run-paused", CancellationToken.None))!.State.ShouldBe(AirflowDagRunState.Queued);
        }

        await client.SetPausedAsync(DagId, paused: false, CancellationToken.None);
        airflow.Advance(DagId, "run-paused", steps: 3);
        airflow.RunState(DagId, "run-paused").ShouldBe("success");
    }
}
