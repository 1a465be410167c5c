using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests.Deployment;

/// <summary>`helm lint` with the default and the full values, values.schema.json refusing bad values, and yamllint.</summary>
public sealed class ChartLintTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Helm_lint_passes_strictly(bool fullValues)
    {
        string[] arguments = fullValues
            ? ["lint", "--strict", Helm.ChartDir, "--values", Helm.FullValues]
            : ["lint", "--strict", Helm.ChartDir];

        var lint = await Helm.RunAsync(arguments);

        lint.ExitCode.ShouldBe(0, lint.Describe());
        lint.Output.ShouldContain("1 chart(s) linted, 0 chart(s) failed");
    }

    [Theory]
    [InlineData("server.replicas=two", "server.replicas")]
    [InlineData("server.replica=3", "replica")]
    [InlineData("airflow.publish.kind=Git", "airflow.publish.kind")]
    [InlineData("database.sslMode=Sometimes", "database.sslMode")]
    public async Task The_values_schema_refuses_a_wrong_type_an_unknown_key_or_a_value_outside_its_enum(string set, string named)
    {
        var lint = await Helm.RunAsync("lint", "--strict", Helm.ChartDir, "--set", set);
        var template = await Helm.TemplateRawAsync(sets: [set]);

        lint.ExitCode.ShouldNotBe(0);
        template.ExitCode.ShouldNotBe(0);
        template.Error.ShouldContain(named);
    }

    [Theory]
    [InlineData("airflow.baseUrl=http://airflow:8080", "airflow.publish.s3.bucket")]
    [InlineData("defaultExecutor=Airflow", "airflow.baseUrl")]
    [InlineData("kafka.bootstrapServers=kafka:9092", "kafka.schemaRegistryUrl")]
    [InlineData("kafka.mode=Cdc", "kafka.schemaRegistryUrl")]
    [InlineData("kafkaConnect.enabled=true,kafkaConnect.debeziumOutbox.enabled=true", "kafka.mode=Cdc")]
    public async Task Values_that_leave_Genie_unable_to_work_stop_the_rendering_with_the_reason(string set, string named)
    {
        var template = await Helm.TemplateRawAsync(sets: [set]);

        template.ExitCode.ShouldNotBe(0);
        template.Error.ShouldContain(named);
    }

    [Fact]
    public async Task Every_static_yaml_file_passes_yamllint_with_the_repository_config()
    {
        var files = StaticYamlFiles().ToList();

        var lint = await YamlLint(files);

        files.ShouldContain(Path.Combine(Helm.ChartDir, "values.yaml"));
        files.ShouldContain(Helm.FullValues);
        files.ShouldContain(Path.Combine(Helm.ChartDir, "Chart.yaml"));
        files.ShouldNotContain(f => f.Contains($"{Path.DirectorySeparatorChar}templates{Path.DirectorySeparatorChar}"));
        lint.ExitCode.ShouldBe(0, lint.Describe());
    }

    [Fact]
    public async Task Yamllint_reports_a_broken_file()
    {
        var broken = Helm.WriteValues("server:\n  replicas: 2\n  replicas: 3   \n");

        var lint = await YamlLint([broken]);

        lint.ExitCode.ShouldNotBe(0);
        lint.Output.ShouldContain("duplication of key");
        lint.Output.ShouldContain("trailing spaces");
    }

    // From the repository's root, with paths relative to it, as .yamllint's per-rule ignore patterns are written.
    private static Task<ToolResult> YamlLint(IEnumerable<string> files) =>
        new ExternalTool("yamllint", "run `make yamllint` (part of `make deps`)").RunAsync(
            ["--strict", "--format", "parsable", "-c", ".yamllint", .. files.Select(f => Path.GetRelativePath(RepositoryFiles.Root, f))],
            workingDirectory: RepositoryFiles.Root);

    // Every YAML file of the repository that is YAML as written: Helm templates are Go templates until rendered, and
    // build output and installed packages are not the repository's.
    private static IEnumerable<string> StaticYamlFiles()
    {
        string[] skipped = ["node_modules", "bin", "obj", ".git", ".genie", "TestResults", "templates"];
        var pending = new Stack<string>([RepositoryFiles.Root]);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            foreach (var sub in Directory.EnumerateDirectories(dir).Where(d => !skipped.Contains(Path.GetFileName(d))))
            {
                // The chart's files/ links into flink-jobs/, which is walked on its own.
                if (new DirectoryInfo(sub).LinkTarget is null)
                {
                    pending.Push(sub);
                }
            }

            foreach (var file in Directory.EnumerateFiles(dir).Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal)))
            {
                yield return file;
            }
        }
    }
}
