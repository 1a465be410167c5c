using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests.Deployment;

/// <summary>The helm binary `make helm` unpacks from npm, run against charts/genie.</summary>
public static class Helm
{
    /// <summary>The release name and namespace every rendering uses, so names in the tests are predictable.</summary>
    public const string Release = "genie";

    public const string Namespace = "genie";

    /// <summary>The oldest Kubernetes the chart supports (Chart.yaml's kubeVersion); templates render against it.</summary>
    public const string KubeVersion = "1.30.0";

    public static string ChartDir => Path.Combine(RepositoryFiles.Root, "charts", "genie");

    public static string FullValues => Path.Combine(ChartDir, "ci", "full-values.yaml");

    private static ExternalTool Tool
    {
        get
        {
            var path = Path.Combine(RepositoryFiles.Root, "charts", "check", "bin", "helm");
            return File.Exists(path)
                ? new ExternalTool(path, "run `make helm`")
                : throw new InvalidOperationException($"helm is not installed at {path}; run `make helm` (part of `make deps`).");
        }
    }

    public static Task<ToolResult> RunAsync(params string[] arguments) => Tool.RunAsync(arguments);

    /// <summary>`helm template` with the given values files (and `--set` pairs); fails the test when helm refuses.</summary>
    public static async Task<RenderedChart> TemplateAsync(IEnumerable<string>? valuesFiles = null, IEnumerable<string>? sets = null)
    {
        var result = await TemplateRawAsync(valuesFiles, sets);
        result.ExitCode.ShouldBe(0, result.Describe());
        return RenderedChart.Parse(result.Output);
    }

    /// <summary>`helm template` whose failure the caller examines.</summary>
    public static Task<ToolResult> TemplateRawAsync(IEnumerable<string>? valuesFiles = null, IEnumerable<string>? sets = null)
    {
        var arguments = new List<string> { "template", Release, ChartDir, "--namespace", Namespace, "--kube-version", KubeVersion };
        foreach (var file in valuesFiles ?? [])
        {
            arguments.AddRange(["--values", file]);
        }

        foreach (var set in sets ?? [])
        {
            arguments.AddRange(["--set", set]);
        }

        return RunAsync([.. arguments]);
    }

    public static Task<RenderedChart> DefaultAsync() => TemplateAsync();

    public static Task<RenderedChart> FullAsync() => TemplateAsync([FullValues]);

    /// <summary>A values file in the test output folder, for a test's own combination of values.</summary>
    public static string WriteValues(string yaml)
    {
        var dir = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "chart-values")).FullName;
        var path = Path.Combine(dir, $"{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }
}
