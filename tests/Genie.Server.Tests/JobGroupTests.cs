using System.Net;
using Genie.Client;
using Genie.Client.Contracts;
using Genie.Server.Tests.Infrastructure;
using Genie.Server.Tests.Runs;
using Genie.Server.Tests.Scheduling;

namespace Genie.Server.Tests;

/// <summary>
/// What the portal's lists read in one request: each listed job's latest run, recent success and schedule; job groups
/// with their jobs counted by latest run; and triggering a whole group.
/// </summary>
public sealed class JobGroupTests(GenieApp app) : IClassFixture<GenieApp>
{
    private readonly GenieClient _admin = app.CreateGenieClient();

    [Fact]
    public async Task A_listing_carries_each_jobs_latest_run_recent_success_and_schedule()
    {
        const string ns = "activity";
        await _admin.ApplyJobAsync(ns, "fine", TestSpecs.Yaml("fine"));
        await _admin.ApplyJobAsync(ns, "broken", Failing("broken", "etl"));
        await _admin.ApplyJobAsync(ns, "idle", TestSpecs.Yaml("idle"));
        await _admin.ApplyJobAsync(ns, "morning", ScheduledSpecs.Job("morning", "30 6 * * *"));
        await _admin.ApplyJobAsync(ns, "paused", ScheduledSpecs.Job("paused", "0 * * * *"));
        await _admin.PauseScheduleAsync(ns, "paused");
        await _admin.UntilFinishedAsync(ns, (await _admin.TriggerRunAsync(ns, "fine")).Id);
        var latest = await _admin.UntilFinishedAsync(ns, (await _admin.TriggerRunAsync(ns, "fine")).Id);
        await _admin.UntilFinishedAsync(ns, (await _admin.TriggerRunAsync(ns, "broken")).Id);
        var before = DateTimeOffset.UtcNow;

        var jobs = (await _admin.ListJobsAsync(ns)).Items.ToDictionary(j => j.Name, j => j.Activity!);

        jobs["fine"].LastRun.ShouldBe(new JobLastRun(latest.Id, "succeeded", latest.CreatedAt, latest.FinishedAt));
        (jobs["fine"].RecentFinished, jobs["fine"].RecentSucceeded).ShouldBe((2, 2));
        jobs["fine"].Schedule.ShouldBeNull();
        jobs["broken"].LastRun!.State.ShouldBe("failed");
        (jobs["broken"].RecentFinished, jobs["broken"].RecentSucceeded).ShouldBe((1, 0));
        jobs["idle"].ShouldBe(new JobActivity(null, 0, 0, null));
        var morning = jobs["morning"].Schedule.ShouldNotBeNull();
        (morning.Cron, morning.Timezone, morning.Paused).ShouldBe(("30 6 * * *", "UTC", false));
        var next = morning.NextFireTime.ShouldNotBeNull();
        (next.Hour, next.Minute).ShouldBe((6, 30));
        next.ShouldBeInRange(before, before.AddDays(1).AddMinutes(1));
        jobs["paused"].Schedule.ShouldBe(new JobScheduleSummary("0 * * * *", "UTC", true, null));
        // The cross-namespace listing carries the same.
        (await _admin.ListAllJobsAsync()).Items.Single(j => j.Namespace == ns && j.Name == "fine").Activity!.LastRun!.Id.ShouldBe(latest.Id);
    }

    [Fact]
    public async Task Groups_count_their_jobs_by_latest_run_and_show_only_namespaces_the_caller_may_see()
    {
        await _admin.ApplyJobAsync("grouped", "g-ok", TestSpecs.Yaml("g-ok", group: "nightly"));
        await _admin.ApplyJobAsync("grouped", "g-bad", Failing("g-bad", "nightly"));
        await _admin.ApplyJobAsync("grouped", "g-new", TestSpecs.Yaml("g-new", group: "nightly"));
        await _admin.ApplyJobAsync("grouped", "g-other", TestSpecs.Yaml("g-other", group: "hourly"));
        await _admin.ApplyJobAsync("hidden", "h-job", TestSpecs.Yaml("h-job", group: "nightly"));
        await _admin.UntilFinishedAsync("grouped", (await _admin.TriggerRunAsync("grouped", "g-ok")).Id);
        await _admin.UntilFinishedAsync("grouped", (await _admin.TriggerRunAsync("grouped", "g-bad")).Id);
        var viewer = new GenieClient(TestCredentials.Authorize(app.CreateClient(),
            (await _admin.CreateApiKeyAsync("groups viewer", ["viewer:grouped"])).Key));

        var seen = await viewer.ListJobGroupsAsync();

        seen.ShouldBe([
            new JobGroupResource("grouped", "hourly", 1, 0, 0, 0),
            new JobGroupResource("grouped", "nightly", 3, 1, 1, 0),
        ]);
        (await _admin.ListJobGroupsAsync()).ShouldContain(new JobGroupResource("hidden", "nightly", 1, 0, 0, 0));
    }

    [Fact]
    public async Task Triggering_a_group_runs_each_job_reports_those_that_cannot_run_and_repeats_idempotently()
    {
        const string ns = "batch";
        await _admin.ApplyJobAsync(ns, "first", TestSpecs.Yaml("first", group: "load"));
        await _admin.ApplyJobAsync(ns, "second", TestSpecs.Yaml("second", group: "load"));
        await _admin.ApplyJobAsync(ns, "needs-input", NeedsParam("needs-input", "load"));
        await _admin.ApplyJobAsync(ns, "outsider", TestSpecs.Yaml("outsider", group: "other"));

        var result = await _admin.TriggerGroupAsync(ns, "load", idempotencyKey: "load-1");

        result.Jobs.Select(j => j.Job).ShouldBe(["first", "needs-input", "second"]);
        var problem = result.Jobs[1].Problem.ShouldNotBeNull();
        problem.Status.ShouldBe(400);
        problem.Errors!.Select(e => e.Path).ShouldBe(["body.params.who"]);
        result.Jobs[1].Run.ShouldBeNull();
        var runs = new[] { result.Jobs[0].Run.ShouldNotBeNull(), result.Jobs[2].Run.ShouldNotBeNull() };
        runs.Select(r => r.TriggeredBy).ShouldAllBe(actor => actor == TestCredentials.AdminActor);
        foreach (var run in runs)
        {
            (await _admin.UntilFinishedAsync(ns, run.Id)).State.ShouldBe("succeeded");
        }

        var again = await _admin.TriggerGroupAsync(ns, "load", idempotencyKey: "load-1");
        again.Jobs.Where(j => j.Run is not null).Select(j => j.Run!.Id).ShouldBe(runs.Select(r => r.Id));
        (await _admin.ListRunsAsync(ns, new RunListQuery(Job: "outsider"))).Items.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("/api/v1/namespaces/batch/groups/nothing-here/runs", HttpStatusCode.NotFound, null)]
    [InlineData("/api/v1/namespaces/batch/groups/Not_A_Label/runs", HttpStatusCode.BadRequest, "path.group")]
    public async Task A_group_without_jobs_or_with_a_bad_name_is_a_problem(string path, HttpStatusCode status, string? errorPath)
    {
        using var response = await app.CreateClient().PostAsync(path, null);

        response.StatusCode.ShouldBe(status);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        if (errorPath is not null)
        {
            (await response.Content.ReadAsStringAsync()).ShouldContain(errorPath);
        }
    }

    private static string Failing(string name, string group) => Spec(name, group, """
          tasks:
            - name: fail
              command: ["false"]
        """);

    private static string NeedsParam(string name, string group) => Spec(name, group, """
          params:
            who: {type: string, required: true}
          tasks:
            - name: greet
              command: [echo, "${{ params.who }}"]
        """);

    private static string Spec(string name, string group, string spec) => $"""
        apiVersion: genie.dev/v1
        kind: Job
        metadata: {"{"}name: {name}, group: {group}{"}"}
        spec:

        """ + spec;
}
