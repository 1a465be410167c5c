using System.Text.Json;
using Genie.Cli.Tests.Infrastructure;

namespace Genie.Cli.Tests.Jobs;

/// <summary>`genie apply`, `get`, `describe`, `validate` and `dag` run as processes against a real Genie.</summary>
public sealed class ApplyCommandTests(CliServer server) : IClassFixture<CliServer>
{
    [Fact]
    public async Task Apply_takes_a_directory_recursively_and_a_second_apply_changes_nothing()
    {
        using var specs = new SpecDirectory();
        specs.WriteJob("a.yaml", "apply-dir", "alpha");
        specs.WriteJob("nested/deeper/b.yml", "apply-dir", "beta");
        specs.Write("nested/c.json", """
            {"apiVersion": "genie.dev/v1", "kind": "Job", "metadata": {"name": "gamma", "namespace": "apply-dir"},
             "spec": {"executor": "local", "tasks": [{"name": "main", "command": ["true"]}]}}
            """);
        specs.Write("README.md", "not a spec");

        var first = await server.Cli().RunAsync("apply", "-f", specs.Path);

        first.ExitCode.ShouldBe(0, first.ToString());
        Lines(first.Output, "created").Count.ShouldBe(3, first.ToString());
        var jobs = await server.Client.ListJobsAsync("apply-dir");
        jobs.Items.Select(j => j.Name).ShouldBe(["alpha", "beta", "gamma"]);

        var second = await server.Cli().RunAsync("apply", "-f", specs.Path, "-o", "json");

        second.ExitCode.ShouldBe(0, second.ToString());
        using var json = JsonDocument.Parse(second.Output);
        json.RootElement.EnumerateArray().Select(e => e.GetProperty("action").GetString()).ShouldAllBe(a => a == "unchanged");
    }

    [Fact]
    public async Task A_file_without_a_namespace_goes_to_the_flag_namespace()
    {
        using var specs = new SpecDirectory();
        var file = specs.Write("job.yaml", """
            apiVersion: genie.dev/v1
            kind: Job
            metadata: {name: loose}
            spec:
              executor: local
              tasks: [{name: main, command: ["true"]}]
            """);

        var result = await server.Cli().RunAsync("apply", "-f", file, "-n", "flagged");

        result.ExitCode.ShouldBe(0, result.ToString());
        (await server.Client.GetJobAsync("flagged", "loose")).Version.ShouldBe(1);
    }

    [Fact]
    public async Task Get_and_describe_print_tables_json_and_yaml()
    {
        using var specs = new SpecDirectory();
        specs.WriteJob("shown.yaml", "shown", "shown-job", "hi there");
        await server.ApplyAsync(specs.Path);

        var table = await server.Cli().RunAsync("get", "jobs", "-n", "shown");
        table.ExitCode.ShouldBe(0, table.ToString());
        table.Output.ShouldContain("NAMESPACE");
        Lines(table.Output, "shown-job").Count.ShouldBe(1);

        var json = await server.Cli().RunAsync("get", "jobs", "-n", "shown", "-o", "json");
        using (var document = JsonDocument.Parse(json.Output))
        {
            document.RootElement[0].GetProperty("name").GetString().ShouldBe("shown-job");
        }

        var yaml = await server.Cli().RunAsync("describe", "job", "shown-job", "-n", "shown", "-o", "yaml");
        yaml.ExitCode.ShouldBe(0, yaml.ToString());
        yaml.Output.ShouldContain("name: shown-job");
        yaml.Output.ShouldContain("definition:");

        var described = await server.Cli().RunAsync("describe", "job", "shown-job", "-n", "shown");
        described.Output.ShouldContain("Definition:");
        described.Output.ShouldContain("hi there");

        var versions = await server.Cli().RunAsync("get", "versions", "shown-job", "-n", "shown", "-o", "json");
        using (var document = JsonDocument.Parse(versions.Output))
        {
            document.RootElement.GetArrayLength().ShouldBe(1);
        }
    }

    [Fact]
    public async Task Dag_prints_the_generated_airflow_source()
    {
        using var specs = new SpecDirectory();
        var file = specs.Write("dagged.yaml", """
            apiVersion: genie.dev/v1
            kind: Job
            metadata: {name: dagged, namespace: dags}
            spec:
              executor: airflow
              tasks:
                - {name: main, image: "python:3.12-slim", command: [python3, -c, "print(1)"]}
            """);
        await server.ApplyAsync(file);

        var dag = await server.Cli().RunAsync("dag", "dagged", "-n", "dags");

        dag.ExitCode.ShouldBe(0, dag.ToString());
        dag.Output.ShouldContain("KubernetesPodOperator");
    }

    [Fact]
    public async Task Validate_passes_a_good_spec_and_names_each_field_of_a_bad_one()
    {
        using var specs = new SpecDirectory();
        specs.WriteJob("good.yaml", "checks", "good");
        var bad = specs.Write("bad.yaml", """
            apiVersion: genie.dev/v1
            kind: Job
            metadata: {name: bad, namespace: checks}
            spec:
              timeout: soon
              tasks:
                - name: a
                  dependsOn: [missing]
                  command: [echo]
            """);

        var good = await server.Cli().RunAsync("validate", "-f", Path.Combine(specs.Path, "good.yaml"));
        good.ExitCode.ShouldBe(0, good.ToString());

        var result = await server.Cli().RunAsync("validate", "-f", bad);
        result.ExitCode.ShouldBe(6, result.ToString());
        result.Error.ShouldContain("spec.timeout");
        result.Error.ShouldContain("spec.tasks[0].dependsOn[0]");

        var applied = await server.Cli().RunAsync("apply", "-f", bad);
        applied.ExitCode.ShouldBe(6, applied.ToString());
        applied.Error.Split('\n')[0].ShouldStartWith("error: ");
        applied.Error.ShouldContain("spec.tasks[0].dependsOn[0]");
    }

    [Fact]
    public async Task Bad_command_lines_and_unknown_jobs_have_their_exit_codes()
    {
        var unknownFlag = await server.Cli().RunAsync("get", "jobs", "--frobnicate");
        unknownFlag.ExitCode.ShouldBe(3, unknownFlag.ToString());
        unknownFlag.Error.ShouldContain("frobnicate");

        var badFormat = await server.Cli().RunAsync("get", "jobs", "-o", "xml");
        badFormat.ExitCode.ShouldBe(3, badFormat.ToString());

        var missingFile = await server.Cli().RunAsync("apply", "-f", "/nonexistent/specs");
        missingFile.ExitCode.ShouldBe(3, missingFile.ToString());

        var unknownJob = await server.Cli().RunAsync("describe", "job", "nobody", "-n", "void");
        unknownJob.ExitCode.ShouldBe(4, unknownJob.ToString());

        var badKey = await server.Cli().WithEnvironment("GENIE_KEY", "genie_aaaaaaaa_" + new string('A', 43)).RunAsync("get", "jobs");
        badKey.ExitCode.ShouldBe(5, badKey.ToString());

        var noServer = await new GenieCli().RunAsync("get", "jobs");
        noServer.ExitCode.ShouldBe(3, noServer.ToString());
        noServer.Error.ShouldContain("--server");
    }

    private static List<string> Lines(string output, string containing) =>
        output.Split('\n').Where(l => l.Contains(containing, StringComparison.Ordinal)).ToList();
}
