using System.Text.Json;
using Genie.Client;
using Genie.Client.Contracts;
using Genie.Server.Tests.Executors.Airflow;
using Genie.Server.Tests.Infrastructure;
using Genie.Server.Tests.Runs;
using Microsoft.Extensions.DependencyInjection;

namespace Genie.Server.Tests.Executors.AirflowRuns;

/// <summary>
/// The Airflow backend end to end against the in-test fake Airflow: Genie publishes the DAG, waits until the
/// version is parsed, unpauses, triggers with its own run id, mirrors task states, cancels, clears failed tasks,
/// rides out 5xx bursts and token expiry, and fails runs clearly on import errors or an unreachable Airflow. Every
/// request the server sends goes through Prism, which checks it against the official spec.
/// </summary>
[Collection(AirflowBehindPrismCollection.Name)]
public sealed class AirflowRunTests(AirflowBehindPrism prism) : IAsyncLifetime
{
    private const string Ns = "af";
    private const string ListenerToken = "listener-secret";
    private FakeAirflow _airflow = null!;
    private GenieApp _app = null!;
    private GenieClient _client = null!;
    private FakeDagProcessor _processor = null!;
    private readonly string _bundle = TestPostgres.NewScratchDir();
    private readonly HashSet<string> _unparseable = [];
    private readonly CountingDagCompiler _compilations = new();

    public async Task InitializeAsync()
    {
        _airflow = await prism.StartAirflowAsync();
        _app = await GenieApp.StartAsync(
            ("Genie:Airflow:BaseUrl", prism.BaseUrl),
            ("Genie:Airflow:Username", FakeAirflow.Username),
            ("Genie:Airflow:Password", FakeAirflow.Password),
            ("Genie:Airflow:MaxRetries", "3"),
            ("Genie:Airflow:RetryBaseDelay", "00:00:00.050"),
            ("Genie:Airflow:PollInterval", "00:00:00.100"),
            ("Genie:Airflow:ParseTimeout", "00:00:20"),
            // Longer than three failing reconcile passes, a second apart at the shortest (Hangfire's cron granularity).
            ("Genie:Airflow:UnreachableTimeout", "00:00:05"),
            ("Genie:Airflow:Publish:Kind", "Folder"),
            ("Genie:Airflow:Publish:Folder", _bundle),
            ("Genie:Airflow:ListenerToken", ListenerToken));
        _app.WithServices(_compilations.Install).WithServices(SendThroughPrism);
        _client = _app.CreateGenieClient();
        _processor = new FakeDagProcessor(_bundle, _airflow, dagId => !_unparseable.Contains(dagId));
    }

    public async Task DisposeAsync()
    {
        await _processor.DisposeAsync();
        await _app.DisposeAsync();
        await _airflow.DisposeAsync();
        Directory.Delete(_bundle, recursive: true);
        prism.ShouldHaveSentOnlyValidRequests();
    }

    private void SendThroughPrism(IServiceCollection services) => TestAirflowClient.SendThrough(services, prism.Recorder);

    private static string Spec(string name, string tasks = "    - {name: work, command: [echo, \"${{ params.who }}\"]}") => $$"""
        apiVersion: genie.dev/v1
        kind: Job
        metadata: {name: {{name}}}
        spec:
          executor: airflow
          defaults: {image: "busybox:1.36"}
          params:
            who: {type: string, default: world}
          tasks:
        {{tasks}}
        """;

    private static string DagId(string job) => $"genie__{Ns}__{job}";

    /// <summary>Applies the one-task job and triggers it; the pod of its task `work` does what <paramref name="work"/> says (exits 0 by default).</summary>
    private async Task<RunResource> TriggerAsync(string job, FakeTaskOutcome? work = null)
    {
        await _client.ApplyJobAsync(Ns, job, Spec(job));

        // An older file of the DAG is already known to Airflow (no hash tag of this version yet); runs wait for Genie's.
        _airflow.PublishDag(DagId(job));
        _airflow.SetOutcome(DagId(job), "work", work ?? FakeTaskOutcome.Succeeds);
        return await _client.TriggerRunAsync(Ns, job, new TriggerRunRequest(new Dictionary<string, JsonElement>
        {
            ["who"] = JsonSerializer.SerializeToElement("airflow"),
        }));
    }

    [Fact]
    public async Task A_run_is_published_triggered_with_its_id_and_mirrored_to_success()
    {
        var run = await TriggerAsync("happy");

        var finished = await _client.UntilFinishedAsync(Ns, run.Id);

        finished.State.ShouldBe("succeeded");
        finished.Executor.ShouldBe("airflow");
        var work = finished.TaskNamed("work");
        work.State.ShouldBe("succeeded");
        work.History.Single().State.ShouldBe("succeeded");
        File.Exists(Path.Combine(_bundle, DagId("happy") + ".py")).ShouldBeTrue();
        _airflow.IsPaused(DagId("happy")).ShouldBeFalse();
        var trigger = _airflow.Requests.Single(r => r.Is("POST", $"/api/v2/dags/{DagId("happy")}/dagRuns")).Json!;
        trigger["dag_run_id"]!.GetValue<string>().ShouldBe(run.Id);
        trigger.ContainsKey("logical_date").ShouldBeTrue();
        trigger["conf"]!["who"]!.GetValue<string>().ShouldBe("airflow");
        var status = await _client.GetDagStatusAsync(Ns, "happy", 1);
        status.DagId.ShouldBe(DagId("happy"));
        status.ParsedAt.ShouldNotBeNull();
        status.ImportError.ShouldBeNull();
    }

    [Fact]
    public async Task Each_version_is_compiled_once_however_often_its_runs_advance()
    {
        var first = await TriggerAsync("compiled-once");
        (await _client.UntilFinishedAsync(Ns, first.Id)).State.ShouldBe("succeeded");
        var second = await _client.TriggerRunAsync(Ns, "compiled-once", new TriggerRunRequest());
        (await _client.UntilFinishedAsync(Ns, second.Id)).State.ShouldBe("succeeded");

        // Every advance after the trigger reads the DAG run, so each run was advanced more than once.
        foreach (var run in new[] { first, second })
        {
            _airflow.Requests.Count(r => r.Is("GET", $"/api/v2/dags/{DagId("compiled-once")}/dagRuns/{run.Id}")).ShouldBeGreaterThan(1);
        }

        _compilations.Of("compiled-once", 1).ShouldBe(1);

        // A new version is compiled once as well, and its run waits for that version's file, not the cached one.
        await _client.ApplyJobAsync(Ns, "compiled-once", Spec("compiled-once", "    - {name: work, command: [echo, changed]}"));
        var third = await _client.TriggerRunAsync(Ns, "compiled-once", new TriggerRunRequest());
        (await _client.UntilFinishedAsync(Ns, third.Id)).State.ShouldBe("succeeded");
        _compilations.Of("compiled-once", 2).ShouldBe(1);
        _compilations.Of("compiled-once", 1).ShouldBe(1);
        var published = await File.ReadAllTextAsync(Path.Combine(_bundle, DagId("compiled-once") + ".py"));
        published.ShouldContain($"Generated by Genie from job {Ns}/compiled-once, version 2.");
    }

    [Fact]
    public async Task A_failed_task_fails_the_run()
    {
        var run = await TriggerAsync("sad", FakeTaskOutcome.Exits(1));

        var finished = await _client.UntilFinishedAsync(Ns, run.Id);

        finished.State.ShouldBe("failed");
        finished.TaskNamed("work").State.ShouldBe("failed");
        finished.TaskNamed("work").History.Select(a => (a.Attempt, a.State)).ShouldBe([(1, "failed")]);
    }

    [Fact]
    public async Task Nothing_is_triggered_before_the_new_version_is_parsed()
    {
        _unparseable.Add(DagId("slow-parse"));
        var run = await TriggerAsync("slow-parse");
        await Task.Delay(TimeSpan.FromSeconds(1));

        _airflow.Requests.ShouldNotContain(r => r.Method == "POST" && r.Path.EndsWith("/dagRuns", StringComparison.Ordinal));
        (await _client.GetRunAsync(Ns, run.Id)).State.ShouldBe("running");

        _unparseable.Remove(DagId("slow-parse"));
        (await _client.UntilFinishedAsync(Ns, run.Id)).State.ShouldBe("succeeded");
    }

    [Fact]
    public async Task An_import_error_fails_the_run_with_airflows_message()
    {
        _unparseable.Add(DagId("broken"));
        var run = await TriggerAsync("broken");
        _airflow.AddImportError(DagId("broken") + ".py", "Traceback (most recent call last):\nSyntaxError: invalid syntax");

        var finished = await _client.UntilFinishedAsync(Ns, run.Id);

        finished.State.ShouldBe("failed");
        finished.Reason!.ShouldContain("SyntaxError: invalid syntax");
        (await _client.GetDagStatusAsync(Ns, "broken", 1)).ImportError.ShouldBe("SyntaxError: invalid syntax");
    }

    [Fact]
    public async Task Cancelling_marks_the_dag_run_failed()
    {
        var run = await TriggerAsync("endless", FakeTaskOutcome.Hangs);
        await _client.UntilAsync(Ns, run.Id, r => r.StateOf("work") == "running", "running its task");

        await _client.CancelRunAsync(Ns, run.Id);

        (await _client.UntilFinishedAsync(Ns, run.Id)).State.ShouldBe("cancelled");
        await Eventually(() => _airflow.Requests.Any(r =>
            r.Is("PATCH", $"/api/v2/dags/{DagId("endless")}/dagRuns/{run.Id}") && r.Json?["state"]?.GetValue<string>() == "failed"));
    }

    [Fact]
    public async Task A_run_that_ends_while_airflow_runs_it_leaves_no_attempt_running()
    {
        // Found by the chaos suite: a run failed by Genie (Airflow unreachable) or cancelled kept its attempt running for good.
        var run = await TriggerAsync("abandoned", FakeTaskOutcome.Hangs);
        await _client.UntilAsync(Ns, run.Id, r => r.StateOf("work") == "running", "running its task");

        await _client.CancelRunAsync(Ns, run.Id);

        var ended = await _client.UntilAsync(Ns, run.Id, r => r.TaskNamed("work").History.All(a => a.State != "running"), "its attempt ended");
        ended.State.ShouldBe("cancelled");
        ended.TaskNamed("work").History.Single().State.ShouldBe("cancelled");
        ended.TaskNamed("work").History.Single().FinishedAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task Retrying_a_failed_run_clears_its_failed_tasks_in_airflow()
    {
        var run = await TriggerAsync("flaky", FakeTaskOutcome.Exits(1, 0));
        (await _client.UntilFinishedAsync(Ns, run.Id)).State.ShouldBe("failed");

        await _client.RetryRunAsync(Ns, run.Id);

        var retried = await _client.UntilAsync(Ns, run.Id, r => r.State == "succeeded", "succeeded after the retry");
        retried.State.ShouldBe("succeeded");
        retried.TaskNamed("work").History.Select(a => (a.Attempt, a.State)).ShouldBe([(1, "failed"), (2, "succeeded")]);
        var clear = _airflow.Requests.Single(r => r.Is("POST", $"/api/v2/dags/{DagId("flaky")}/clearTaskInstances")).Json!;
        clear["dry_run"]!.GetValue<bool>().ShouldBeFalse();
        clear["only_failed"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task Bursts_of_server_errors_and_expiring_tokens_are_ridden_out()
    {
        _airflow.TokensExpireAfterUses(2);
        var run = await TriggerAsync("bumpy");
        _airflow.FailNextRequests(2);

        (await _client.UntilFinishedAsync(Ns, run.Id)).State.ShouldBe("succeeded");
        _airflow.TokensIssued.ShouldBeGreaterThan(1);
    }

    [Fact]
    public async Task An_airflow_down_for_longer_than_one_calls_retries_is_waited_out()
    {
        // Found by the chaos suite: a few seconds of 5xx failed every run one of whose calls spent its retries meanwhile.
        var run = await TriggerAsync("blip");
        _airflow.FailNextRequests(12); // three calls' worth: each makes 1 + MaxRetries (3) requests

        (await _client.UntilFinishedAsync(Ns, run.Id)).State.ShouldBe("succeeded");
        _airflow.Requests.Count(r => r.StatusCode == 503).ShouldBe(12);
    }

    [Fact]
    public async Task An_airflow_that_stays_down_fails_the_run_clearly()
    {
        _airflow.FailNextRequests(1000);
        var run = await TriggerAsync("down");

        var finished = await _client.UntilFinishedAsync(Ns, run.Id);

        finished.State.ShouldBe("failed");
        finished.Reason!.ShouldContain("unreachable");
    }

    [Fact]
    public async Task Task_logs_come_from_airflow()
    {
        var run = await TriggerAsync("logged");
        _airflow.SetTaskLog(DagId("logged"), run.Id, "work", 1, -1, "hello from the pod");
        await _client.UntilFinishedAsync(Ns, run.Id);

        (await _client.GetTaskLogAsync(Ns, run.Id, "work")).ShouldContain("hello from the pod");
    }

    [Fact]
    public async Task The_generated_dag_of_a_version_is_served_and_matches_the_published_file()
    {
        var run = await TriggerAsync("shown");
        await _client.UntilFinishedAsync(Ns, run.Id);

        using var http = _app.CreateClient();
        var served = await http.GetStringAsync($"/api/v1/namespaces/{Ns}/jobs/shown/versions/1/dag");

        served.ShouldBe(await File.ReadAllTextAsync(Path.Combine(_bundle, DagId("shown") + ".py")));
        served.ShouldContain("KubernetesPodOperator");
    }

    [Fact]
    public async Task Retry_of_all_tasks_is_refused_for_airflow_runs()
    {
        var run = await TriggerAsync("no-rerun-all", FakeTaskOutcome.Exits(1));
        await _client.UntilFinishedAsync(Ns, run.Id);

        var refused = await Should.ThrowAsync<GenieApiException>(() => _client.RetryRunAsync(Ns, run.Id, "all"));

        refused.StatusCode.ShouldBe(409);
        refused.Problem.Detail!.ShouldContain("failed");
    }

    [Fact]
    public async Task Deleting_a_job_removes_its_dag_file()
    {
        var run = await TriggerAsync("retired");
        await _client.UntilFinishedAsync(Ns, run.Id);
        var file = Path.Combine(_bundle, DagId("retired") + ".py");
        File.Exists(file).ShouldBeTrue();

        await _client.DeleteJobAsync(Ns, "retired");

        File.Exists(file).ShouldBeFalse();
    }

    [Fact]
    public async Task Active_runs_are_reconciled_by_a_housekeeping_job_on_its_own_interval()
    {
        var run = await TriggerAsync("reconciled");
        (await _client.UntilFinishedAsync(Ns, run.Id)).State.ShouldBe("succeeded");

        // The job keeps its own interval, so the run (also moved by wake-ups) can end before its first pass is recorded.
        var reconcile = (await _client.ListHousekeepingAsync()).Single(t => t.Name == "airflow-reconcile");
        for (var i = 0; i < 300 && reconcile.LastSucceeded is null; i++)
        {
            await Task.Delay(100);
            reconcile = (await _client.ListHousekeepingAsync()).Single(t => t.Name == "airflow-reconcile");
        }

        // 100 ms as configured, run every second: the shortest period Hangfire's cron fires at.
        reconcile.Interval.ShouldBe(TimeSpan.FromSeconds(1));
        reconcile.LastSucceeded.ShouldBe(true);
        reconcile.LastDetail!.ShouldStartWith("advanced ");
        reconcile.NextRunAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task Without_the_reconcile_job_only_listener_events_move_a_run()
    {
        // A replica with its scheduler off has no periodic pass: the executor itself only acts on wake-ups.
        await using var quiet = await GenieApp.StartAsync(
            ("Genie:Airflow:BaseUrl", prism.BaseUrl),
            ("Genie:Airflow:Username", FakeAirflow.Username),
            ("Genie:Airflow:Password", FakeAirflow.Password),
            ("Genie:Airflow:PollInterval", "00:00:00.100"),
            ("Genie:Airflow:Publish:Kind", "Folder"),
            ("Genie:Airflow:Publish:Folder", _bundle),
            ("Genie:Airflow:ListenerToken", ListenerToken),
            ("Genie:Scheduling:Enabled", "false"));
        quiet.WithServices(SendThroughPrism);
        var client = quiet.CreateGenieClient();
        await client.ApplyJobAsync(Ns, "quiet", Spec("quiet"));
        _airflow.PublishDag(DagId("quiet"));
        var run = await client.TriggerRunAsync(Ns, "quiet", new TriggerRunRequest());
        // The trigger's own wake-up makes calls (on a busy machine they may spread over more than a second); after them,
        // some second must pass without any: with a periodic pass the calls would grow every 100 ms.
        var calls = -1;
        for (var i = 0; i < 10 && CallsFor(DagId("quiet")) != calls; i++)
        {
            calls = CallsFor(DagId("quiet"));
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        CallsFor(DagId("quiet")).ShouldBe(calls);
        (await client.GetRunAsync(Ns, run.Id)).State.ShouldBe("running");

        using var http = quiet.CreateClient();
        for (var i = 0; i < 100 && (await client.GetRunAsync(Ns, run.Id)).State != "succeeded"; i++)
        {
            using var response = await PostEventAsync(http, $$"""{"kind": "dag_run", "dag_id": "{{DagId("quiet")}}", "run_id": "{{run.Id}}", "state": "running"}""");
            ((int)response.StatusCode).ShouldBe(202);
            await Task.Delay(100);
        }

        (await client.GetRunAsync(Ns, run.Id)).State.ShouldBe("succeeded");
    }

    private int CallsFor(string dagId) => _airflow.Requests.Count(r => r.Path.Contains("/dags/" + dagId, StringComparison.Ordinal));

    /// <summary>POSTs <paramref name="json"/> as the listener plugin does, with <paramref name="authorization"/> (the listener's token by default).</summary>
    private static Task<HttpResponseMessage> PostEventAsync(HttpClient http, string json, string? authorization = "Bearer " + ListenerToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/airflow/events")
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return http.SendAsync(request);
    }

    /// <summary>The listener's event for a failed try of the task `work` (not mapped), with <paramref name="reason"/> as given (JSON).</summary>
    private static string FailedTryEvent(string job, string runId, string reasonJson, string state = "failed", int tryNumber = 1) => $$"""
        {"kind": "task_instance", "dag_id": "{{DagId(job)}}", "run_id": "{{runId}}", "task_id": "work", "map_index": -1,
         "try_number": {{tryNumber}}, "state": "{{state}}", "start_date": null, "end_date": null, "hostname": "worker-7", "reason": {{reasonJson}}}
        """;

    [Fact]
    public async Task A_pod_reason_that_comes_after_the_poll_ended_the_try_is_added_to_the_attempt_and_the_task()
    {
        var run = await TriggerAsync("oom", FakeTaskOutcome.Exits(137));
        var failed = await _client.UntilFinishedAsync(Ns, run.Id);
        failed.TaskNamed("work").Reason.ShouldBe("airflow: Failed");
        failed.TaskNamed("work").History.Single().Reason.ShouldBeNull();
        using var http = _app.CreateClient();

        using var response = await PostEventAsync(http, FailedTryEvent("oom", run.Id, "\"OOMKilled, exit code 137\""));

        ((int)response.StatusCode).ShouldBe(202);
        var work = (await _client.GetRunAsync(Ns, run.Id)).TaskNamed("work");
        work.History.Single().Reason.ShouldBe("OOMKilled, exit code 137");
        work.Reason.ShouldBe("airflow: Failed: OOMKilled, exit code 137");

        // The scheduler reports the same failure again without a reason, and then with another: the first one stays.
        using var bare = await PostEventAsync(http, FailedTryEvent("oom", run.Id, "null"));
        using var other = await PostEventAsync(http, FailedTryEvent("oom", run.Id, "\"Executor reported the task failed\""));
        ((int)bare.StatusCode, (int)other.StatusCode).ShouldBe((202, 202));
        work = (await _client.GetRunAsync(Ns, run.Id)).TaskNamed("work");
        work.History.Single().Reason.ShouldBe("OOMKilled, exit code 137");
        work.Reason.ShouldBe("airflow: Failed: OOMKilled, exit code 137");
    }

    [Fact]
    public async Task A_pod_reason_that_comes_before_the_poll_sees_the_failure_is_what_the_try_ends_with()
    {
        var run = await TriggerAsync("evicted", FakeTaskOutcome.Hangs);
        await _client.UntilAsync(Ns, run.Id, r => r.StateOf("work") == "running", "running its task");
        using var http = _app.CreateClient();
        const string Reason = "Evicted: The node was low on resource: memory.; ContainerStatusUnknown, exit code 137";

        using var response = await PostEventAsync(http, FailedTryEvent("evicted", run.Id, JsonSerializer.Serialize(Reason)));
        ((int)response.StatusCode).ShouldBe(202);
        (await _client.GetRunAsync(Ns, run.Id)).StateOf("work").ShouldBe("running");
        _airflow.ShowTaskState(DagId("evicted"), run.Id, "work", -1, "failed");

        var failed = await _client.UntilAsync(Ns, run.Id, r => r.StateOf("work") == "failed", "its task failed");
        failed.TaskNamed("work").History.Single().Reason.ShouldBe(Reason);
        failed.TaskNamed("work").Reason.ShouldBe("airflow: Failed: " + Reason);

        // Polls that follow, which know nothing of the reason, leave it where it is.
        var ended = await _client.UntilFinishedAsync(Ns, run.Id);
        ended.State.ShouldBe("failed");
        ended.TaskNamed("work").History.Single().Reason.ShouldBe(Reason);
        ended.TaskNamed("work").Reason.ShouldBe("airflow: Failed: " + Reason);
    }

    [Fact]
    public async Task A_reason_that_is_not_a_string_is_refused_at_its_path()
    {
        using var http = _app.CreateClient();

        using var response = await PostEventAsync(http, FailedTryEvent("x", Guid.NewGuid().ToString(), "{\"exit_code\": 137}"));

        ((int)response.StatusCode).ShouldBe(400);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors")
            .EnumerateArray().Select(e => e.GetProperty("path").GetString()).ShouldBe(["body.reason"]);
    }

    [Fact]
    public async Task Reasons_for_runs_or_tasks_genie_does_not_have_are_accepted_and_dropped()
    {
        var run = await TriggerAsync("no-such-task");
        await _client.UntilFinishedAsync(Ns, run.Id);
        using var http = _app.CreateClient();

        // Genie's own gate tasks fail in Airflow too; only the tasks of the job have attempts.
        using var unknownTask = await PostEventAsync(http, FailedTryEvent("no-such-task", run.Id, "\"exit code 1\"").Replace("\"work\"", "\"genie__outcome\""));
        using var unknownRun = await PostEventAsync(http, FailedTryEvent("no-such-task", Guid.NewGuid().ToString(), "\"exit code 1\""));

        ((int)unknownTask.StatusCode, (int)unknownRun.StatusCode).ShouldBe((202, 202));
        (await _client.GetRunAsync(Ns, run.Id)).TaskNamed("work").Reason.ShouldBe("airflow: Success");
    }

    [Theory]
    [InlineData(null, 401)]
    [InlineData("Bearer wrong", 401)]
    [InlineData("Bearer " + ListenerToken, 202)]
    public async Task Listener_events_need_the_token(string? authorization, int status)
    {
        using var http = _app.CreateClient();

        using var response = await PostEventAsync(http, FailedTryEvent("x", Guid.NewGuid().ToString(), "null", "up_for_retry"), authorization);

        ((int)response.StatusCode).ShouldBe(status);
    }

    [Fact]
    public async Task Listener_events_for_foreign_dags_are_rejected()
    {
        using var http = _app.CreateClient();

        using var response = await PostEventAsync(http, """{"kind": "dag_run", "dag_id": "somebody_elses", "run_id": "manual__x", "state": "success"}""");

        ((int)response.StatusCode).ShouldBe(400);
    }

    private static async Task Eventually(Func<bool> condition)
    {
        for (var i = 0; i < 300 && !condition(); i++)
        {
            await Task.Delay(100);
        }

        condition().ShouldBeTrue();
    }
}
