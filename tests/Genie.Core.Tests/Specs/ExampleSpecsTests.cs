using Genie.Core.Graph;
using Genie.Core.Specs;
using static Genie.Core.Tests.Specs.SpecAssertions;

namespace Genie.Core.Tests.Specs;

/// <summary>Every file in examples/ is a valid spec a newcomer can apply as it is.</summary>
public class ExampleSpecsTests
{
    private static readonly string ExamplesFolder = Path.Combine(RepositoryRoot(), "examples");

    public static TheoryData<string> ExampleFiles()
    {
        var files = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(ExamplesFolder).Order(StringComparer.Ordinal))
        {
            files.Add(Path.GetFileName(file));
        }

        return files;
    }

    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public void Example_parses_without_errors(string file)
    {
        var format = Path.GetExtension(file) == ".json" ? SpecFormat.Json : SpecFormat.Yaml;

        var job = ShouldParse(File.ReadAllText(Path.Combine(ExamplesFolder, file)), format);

        job.Metadata.Namespace.ShouldNotBeNull();
        JobGraph.FromTasks(job.Spec.Tasks).TopologicalOrder.Count.ShouldBe(job.Spec.Tasks.Count);
        JobCanonicalForm.ToJson(ShouldParse(JobCanonicalForm.ToJson(job), SpecFormat.Json)).ShouldBe(JobCanonicalForm.ToJson(job));
    }

    [Fact]
    public void Examples_cover_both_formats_and_the_named_files()
    {
        var files = Directory.EnumerateFiles(ExamplesFolder).Select(Path.GetFileName).ToList();

        files.ShouldContain("hello.yaml");
        files.ShouldContain("nightly-etl.yaml");
        files.ShouldContain("publish.yaml");
        files.ShouldContain("fanout.json");
    }

    [Fact]
    public void Nightly_etl_triggers_the_publish_example_with_the_params_it_declares()
    {
        var etl = ShouldParse(File.ReadAllText(Path.Combine(ExamplesFolder, "nightly-etl.yaml")));
        var publish = ShouldParse(File.ReadAllText(Path.Combine(ExamplesFolder, "publish.yaml")));
        var child = etl.Spec.Tasks.Single(t => t.Kind == TaskKind.Job).Job!;

        child.Name.ShouldBe(publish.Metadata.Name);
        (child.Namespace ?? etl.Metadata.Namespace).ShouldBe(publish.Metadata.Namespace);
        child.Params.Keys.ShouldBe(publish.Spec.Params.Where(p => p.Value.Required).Select(p => p.Key), ignoreOrder: true);
    }

    [Fact]
    public void Fanout_uses_replicas_conditions_run_if_and_optional()
    {
        var tasks = ShouldParse(File.ReadAllText(Path.Combine(ExamplesFolder, "fanout.json")), SpecFormat.Json).Spec.Tasks;

        tasks.ShouldContain(t => t.Replicas > 1);
        tasks.ShouldContain(t => t.When.Count > 0);
        tasks.ShouldContain(t => t.RunIf == RunIf.Always);
        tasks.ShouldContain(t => t.RunIf == RunIf.Failure);
        tasks.ShouldContain(t => t.Optional);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Genie.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no Genie.sln above {AppContext.BaseDirectory}");
    }
}
