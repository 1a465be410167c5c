using Genie.Core.Airflow;
using Genie.Core.Specs;

namespace Genie.Server.Tests.Executors.Airflow;

/// <summary>
/// DAG files as Genie publishes them, compiled from a job's task list, for tests that drive the fake Airflow
/// without a Genie server: the fake's runs execute their task graph.
/// </summary>
public static class FakeDagFiles
{
    /// <summary>
    /// The file of an airflow job with <paramref name="tasksYaml"/> (YAML list items indented by four spaces) and
    /// optional one-line spec <paramref name="settings"/> such as params.
    /// </summary>
    public static string Compile(string tasksYaml, string ns = "team", string job = "etl", string settings = "")
    {
        var yaml = $$"""
            apiVersion: genie.dev/v1
            kind: Job
            metadata: {name: {{job}}, namespace: {{ns}}}
            spec:
              executor: airflow
              defaults: {image: "busybox:1.36"}
              {{settings}}
              tasks:
            {{tasksYaml}}
            """;
        var parsed = JobSpecParser.Parse(yaml, SpecFormat.Yaml);
        return parsed.Job is { } definition
            ? DagCompiler.Compile(definition, 1, new DagCompilerOptions()).Source
            : throw new ArgumentException("The test's job does not parse: " + string.Join("; ", parsed.Errors.Select(e => e.Message)));
    }
}
