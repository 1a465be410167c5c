using Genie.Server.Executors.Airflow.Client;

namespace Genie.Server.Tests.Executors.Airflow;

/// <summary>DAG-level calls against the fake Airflow: waiting for a parse, import errors, pause.</summary>
[Collection(AirflowBehindPrismCollection.Name)]
public sealed class AirflowClientDagTests(AirflowBehindPrism prism) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        prism.ShouldHaveSentOnlyValidRequests();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_dag_Airflow_has_not_parsed_is_null_until_it_is()
    {
        await using var airflow = await prism.StartAirflowAsync();
        airflow.PublishDag("late_dag", ["genie", "genie-version:3"], parseAfterPolls: 3);
        var client = prism.Client();

        (await client.GetDagAsync("late_dag", CancellationToken.None)).ShouldBeNull();
        (await client.GetDagAsync("late_dag", CancellationToken.None)).ShouldBeNull();
        var dag = await client.GetDagAsync("late_dag", CancellationToken.None);

        dag.ShouldNotBeNull();
        dag.DagId.ShouldBe("late_dag");
        dag.Tags.Select(t => t.Name).ShouldBe(["genie", "genie-version:3"]);
        dag.IsPaused.ShouldBeFalse();
        dag.IsStale.ShouldBeFalse();
        dag.HasImportErrors.ShouldBeFalse();
        dag.LastParsedTime.ShouldNotBeNull();
        dag.Fileloc.ShouldBe("/opt/airflow/dags/late_dag.py");
        dag.RelativeFileloc.ShouldBe("late_dag.py");
    }

    [Fact]
    public async Task A_republished_dag_shows_its_old_tags_until_the_new_version_is_parsed()
    {
        await using var airflow = await prism.StartAirflowAsync();
        airflow.PublishDag("versioned", ["hash:aaa"]);
        var client = prism.Client();

        airflow.PublishDag("versioned", ["hash:bbb"], parseAfterPolls: 100);
        (await client.GetDagAsync("versioned", CancellationToken.None))!.Tags.Single().Name.ShouldBe("hash:aaa");

        airflow.ParseDag("versioned");
        (await client.GetDagAsync("versioned", CancellationToken.None))!.Tags.Single().Name.ShouldBe("hash:bbb");
    }

    [Fact]
    public async Task An_unknown_dag_is_null()
    {
        await using var airflow = await prism.StartAirflowAsync();

        (await prism.Client().GetDagAsync("nope", CancellationToken.None)).ShouldBeNull();

        airflow.Requests.Last().StatusCode.ShouldBe(404);
    }

    [Fact]
    public async Task Import_errors_are_listed_across_pages()
    {
        await using var airflow = await prism.StartAirflowAsync();
        airflow.PublishDag("broken");
        airflow.AddImportError("broken.py", "Traceback (most recent call last):\nSyntaxError: invalid syntax");
        for (var i = 0; i < 119; i++)
        {
            airflow.AddImportError($"other_{i}.py", "ModuleNotFoundError: No module named 'x'");
        }

        var errors = await prism.Client().GetImportErrorsAsync(CancellationToken.None);

        errors.Count.ShouldBe(120);
        errors.Select(e => e.ImportErrorId).ShouldBeUnique();
        var broken = errors.First();
        broken.Filename.ShouldBe("broken.py");
        broken.StackTrace.ShouldEndWith("SyntaxError: invalid syntax");
        broken.BundleName.ShouldBe("dags-folder");
        broken.Timestamp.ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(-5));
        airflow.Requests.Where(r => r.Path == "/api/v2/importErrors").Select(r => r.Query).ShouldBe(["?limit=100&offset=0", "?limit=100&offset=100"]);
    }

    [Fact]
    public async Task A_dag_whose_file_fails_to_import_shows_stale_and_cannot_be_triggered()
    {
        await using var airflow = await prism.StartAirflowAsync();
        airflow.PublishDag("flaky");
        airflow.AddImportError("flaky.py", "NameError: name 'KubernetesPodOperator' is not defined");
        var client = prism.Client();

        var dag = await client.GetDagAsync("flaky", CancellationToken.None);
        var trigger = await Should.ThrowAsync<AirflowApiException>(() =>
            client.TriggerAsync("flaky", "run-1", new Dictionary<string, object?>(), CancellationToken.None));

        dag.ShouldNotBeNull();
        dag.IsStale.ShouldBeTrue();
        dag.HasImportErrors.ShouldBeTrue();
        trigger.StatusCode.ShouldBe(404);
        trigger.Detail.ShouldBe("DAG with dag_id: 'flaky' not found");

        airflow.PublishDag("flaky", ["fixed"]);
        (await client.GetImportErrorsAsync(CancellationToken.None)).ShouldBeEmpty();
        (await client.GetDagAsync("flaky", CancellationToken.None))!.HasImportErrors.ShouldBeFalse();
    }

    [Fact]
    public async Task Pausing_and_unpausing_sends_only_is_paused()
    {
        await using var airflow = await prism.StartAirflowAsync();
        airflow.PublishDag("switch", pausedUponCreation: true);
        var client = prism.Client();

        await client.SetPausedAsync("switch", paused: false, CancellationToken.None);
        airflow.IsPaused("switch").ShouldBeFalse();
        await client.SetPausedAsync("switch", paused: true, CancellationToken.None);
        airflow.IsPaused("switch").ShouldBeTrue();

        var patches = airflow.Requests.Where(r => r.Method == "PATCH").ToList();
        patches.Select(r => r.Path).ShouldBe(["/api/v2/dags/switch", "/api/v2/dags/switch"]);
        patches.Select(r => r.Body).ShouldBe(["""{"is_paused":false}""", """{"is_paused":true}"""]);
    }

    [Fact]
    public async Task Pausing_an_unknown_dag_is_an_api_error_with_Airflows_detail()
    {
        await using var airflow = await prism.StartAirflowAsync();

        var error = await Should.ThrowAsync<AirflowApiException>(() =>
            prism.Client().SetPausedAsync("ghost", paused: false, CancellationToken.None));

        error.StatusCode.ShouldBe(404);
        error.Detail.ShouldBe("Dag with id ghost was not found");
        error.Message.ShouldContain("PATCH /api/v2/dags/ghost");
    }
}
