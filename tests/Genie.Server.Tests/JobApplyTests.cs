using Dapper;
using Genie.Client;
using Genie.Client.Contracts;
using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests;

/// <summary>Applying specs: create, no-op, new versions, exact read-back, ETags, dry runs and delete.</summary>
public sealed class JobApplyTests(GenieApp app) : IClassFixture<GenieApp>
{
    private readonly GenieClient _client = app.CreateGenieClient();

    [Fact]
    public async Task First_apply_creates_version_1_and_reads_back_exactly()
    {
        var yaml = "# a comment that must survive\n" + TestSpecs.Yaml("first", ns: "alpha");

        var applied = await _client.ApplyJobAsync("alpha", "first", yaml);

        applied.Result.Outcome.ShouldBe(ApplyOutcome.Created);
        applied.Result.Job.Version.ShouldBe(1);
        applied.ETag.ShouldBe("\"v1\"");
        (await _client.GetJobSourceAsync("alpha", "first")).ShouldBe(yaml);
        (await _client.GetJobVersionSourceAsync("alpha", "first", 1)).ShouldBe(yaml);
        var job = await _client.GetJobAsync("alpha", "first");
        job.Group.ShouldBe("etl");
        job.Labels["team"].ShouldBe("data");
        job.Definition.GetProperty("metadata").GetProperty("namespace").GetString().ShouldBe("alpha");
    }

    [Fact]
    public async Task Identical_or_equivalent_spec_is_a_no_op()
    {
        await _client.ApplyJobAsync("alpha", "same", TestSpecs.Yaml("same"));

        var again = await _client.ApplyJobAsync("alpha", "same", TestSpecs.Yaml("same"));
        var withNamespace = await _client.ApplyJobAsync("alpha", "same", TestSpecs.Yaml("same", ns: "alpha"));
        var asJson = await _client.ApplyJobAsync("alpha", "same", TestSpecs.Json("same"), SpecMediaType.Json);

        again.Result.Outcome.ShouldBe(ApplyOutcome.Unchanged);
        withNamespace.Result.Outcome.ShouldBe(ApplyOutcome.Unchanged);
        asJson.Result.Outcome.ShouldBe(ApplyOutcome.Unchanged);
        asJson.Result.Job.Version.ShouldBe(1);
        (await _client.ListJobVersionsAsync("alpha", "same")).Items.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Changed_spec_creates_a_new_immutable_version()
    {
        var v1 = TestSpecs.Yaml("evolving", message: "one");
        var v2 = TestSpecs.Json("evolving", message: "two");
        await _client.ApplyJobAsync("alpha", "evolving", v1);

        var updated = await _client.ApplyJobAsync("alpha", "evolving", v2, SpecMediaType.Json);

        updated.Result.Outcome.ShouldBe(ApplyOutcome.Updated);
        updated.Result.Job.Version.ShouldBe(2);
        updated.ETag.ShouldBe("\"v2\"");
        (await _client.GetJobVersionSourceAsync("alpha", "evolving", 1)).ShouldBe(v1);
        (await _client.GetJobVersionSourceAsync("alpha", "evolving", 2)).ShouldBe(v2);
        var first = await _client.GetJobVersionAsync("alpha", "evolving", 1);
        first.SourceFormat.ShouldBe("yaml");
        first.Definition!.Value.GetProperty("spec").GetProperty("tasks")[0].GetProperty("command")[1].GetString().ShouldBe("one");
        var versions = await _client.ListJobVersionsAsync("alpha", "evolving");
        versions.Items.Select(v => v.Version).ShouldBe([2, 1]);
        versions.Items.ShouldAllBe(v => v.Definition == null);
    }

    [Fact]
    public async Task If_match_guards_against_lost_updates()
    {
        var created = await _client.ApplyJobAsync("alpha", "guarded", TestSpecs.Yaml("guarded", message: "a"));
        await _client.ApplyJobAsync("alpha", "guarded", TestSpecs.Yaml("guarded", message: "b"), ifMatch: created.ETag);

        var stale = await Should.ThrowAsync<GenieApiException>(() =>
            _client.ApplyJobAsync("alpha", "guarded", TestSpecs.Yaml("guarded", message: "c"), ifMatch: created.ETag));
        var createOnly = await Should.ThrowAsync<GenieApiException>(() =>
            _client.ApplyJobAsync("alpha", "guarded", TestSpecs.Yaml("guarded", message: "d"), createOnly: true));
        var missing = await Should.ThrowAsync<GenieApiException>(() =>
            _client.ApplyJobAsync("alpha", "ghost", TestSpecs.Yaml("ghost"), ifMatch: "\"v1\""));

        stale.StatusCode.ShouldBe(412);
        stale.Problem.Detail!.ShouldContain("\"v2\"");
        createOnly.StatusCode.ShouldBe(412);
        missing.StatusCode.ShouldBe(412);
        (await _client.GetJobAsync("alpha", "guarded")).Version.ShouldBe(2);
        await Should.ThrowAsync<GenieApiException>(() => _client.GetJobAsync("alpha", "ghost"));
    }

    [Fact]
    public async Task Dry_run_reports_the_outcome_and_writes_nothing()
    {
        var dry = await _client.ApplyJobAsync("alpha", "dry", TestSpecs.Yaml("dry"), dryRun: true);

        dry.Result.DryRun.ShouldBeTrue();
        dry.Result.Outcome.ShouldBe(ApplyOutcome.Created);
        var notThere = await Should.ThrowAsync<GenieApiException>(() => _client.GetJobAsync("alpha", "dry"));
        notThere.StatusCode.ShouldBe(404);
        await using var db = await app.OpenDatabaseAsync();
        (await db.ExecuteScalarAsync<long>("select count(*) from events where aggregate_id = 'alpha/dry'")).ShouldBe(0);
    }

    [Fact]
    public async Task Validate_endpoint_checks_without_storing()
    {
        var report = await _client.ValidateAsync(TestSpecs.Yaml("checked", ns: "beta"));

        report.Valid.ShouldBeTrue();
        report.Namespace.ShouldBe("beta");
        report.Name.ShouldBe("checked");
        report.ContentHash.Length.ShouldBe(64);
        (await _client.ListJobsAsync("beta")).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task Delete_hides_the_job_keeps_history_and_a_later_apply_revives_it()
    {
        await _client.ApplyJobAsync("alpha", "doomed", TestSpecs.Yaml("doomed", message: "one"));
        await _client.ApplyJobAsync("alpha", "doomed", TestSpecs.Yaml("doomed", message: "two"));

        await _client.DeleteJobAsync("alpha", "doomed", ifMatch: "\"v2\"");

        (await Should.ThrowAsync<GenieApiException>(() => _client.GetJobAsync("alpha", "doomed"))).StatusCode.ShouldBe(404);
        (await Should.ThrowAsync<GenieApiException>(() => _client.DeleteJobAsync("alpha", "doomed"))).StatusCode.ShouldBe(404);
        (await _client.ListJobsAsync("alpha")).Items.ShouldNotContain(j => j.Name == "doomed");
        (await _client.ListJobVersionsAsync("alpha", "doomed")).Items.Count.ShouldBe(2);
        (await _client.GetJobVersionSourceAsync("alpha", "doomed", 1)).ShouldContain("one");

        var revived = await _client.ApplyJobAsync("alpha", "doomed", TestSpecs.Yaml("doomed", message: "two"));
        revived.Result.Outcome.ShouldBe(ApplyOutcome.Created);
        revived.Result.Job.Version.ShouldBe(2);
        var changed = await _client.ApplyJobAsync("alpha", "doomed", TestSpecs.Yaml("doomed", message: "three"));
        changed.Result.Job.Version.ShouldBe(3);
    }

    [Fact]
    public async Task Every_write_appends_an_outbox_event_in_its_transaction()
    {
        await _client.ApplyJobAsync("gamma", "evented", TestSpecs.Yaml("evented", message: "one"));
        await _client.ApplyJobAsync("gamma", "evented", TestSpecs.Yaml("evented", message: "one"));
        await _client.ApplyJobAsync("gamma", "evented", TestSpecs.Yaml("evented", message: "two"));
        await _client.DeleteJobAsync("gamma", "evented");

        await using var db = await app.OpenDatabaseAsync();
        var events = (await db.QueryAsync<(string Type, string Outcome)>(
            "select type, coalesce(payload ->> 'outcome', '') from events where aggregate_id = 'gamma/evented' order by id")).ToList();
        events.ShouldBe([("job.applied", "created"), ("job.applied", "updated"), ("job.deleted", "")]);
    }

    [Fact]
    public async Task A_job_airflow_cannot_express_has_no_dag_but_a_clear_409()
    {
        await _client.ApplyJobAsync("alpha", "imageless", TestSpecs.Yaml("imageless"));

        var refused = await Should.ThrowAsync<GenieApiException>(() => _client.GetDagSourceAsync("alpha", "imageless", 1));

        refused.StatusCode.ShouldBe(409);
        refused.Problem.Errors!.ShouldContain(e => e.Path.Contains("image"));
    }

    [Fact]
    public async Task An_airflow_job_airflow_cannot_express_is_refused_on_apply()
    {
        var spec = TestSpecs.Yaml("no-image").Replace("spec:\n", "spec:\n  executor: airflow\n", StringComparison.Ordinal);

        var refused = await Should.ThrowAsync<GenieApiException>(() => _client.ApplyJobAsync("alpha", "no-image", spec));

        refused.StatusCode.ShouldBe(400);
        refused.Problem.Errors!.ShouldContain(e => e.Path.Contains("image"));
    }

    [Fact]
    public async Task The_dag_of_an_airflow_job_is_served_without_airflow_configured()
    {
        var spec = TestSpecs.Yaml("dag-shown").Replace("spec:\n", "spec:\n  executor: airflow\n  defaults: {image: \"busybox:1.36\"}\n", StringComparison.Ordinal);
        await _client.ApplyJobAsync("alpha", "dag-shown", spec);

        var source = await _client.GetDagSourceAsync("alpha", "dag-shown", 1);

        source.ShouldContain("KubernetesPodOperator");
        source.ShouldContain("genie__alpha__dag-shown");
        (await _client.GetDagSourceAsync("alpha", "dag-shown", 1)).ShouldBe(source);
    }
}
