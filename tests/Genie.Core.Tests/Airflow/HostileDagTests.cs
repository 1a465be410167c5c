using System.Text.Json;
using Genie.Core.Airflow;
using Genie.Core.Specs;

namespace Genie.Core.Tests.Airflow;

/// <summary>
/// Hostile strings in every field a user writes come out of the generated file as literals equal to the
/// input, render verbatim through Jinja and Kubernetes, and never become code or templates.
/// </summary>
public class HostileDagTests
{
    private static readonly string[] Hostile = HostileStrings.SpecSafe;

    private static readonly string[] InScripts = Hostile.Where(h => !h.Contains("${{", StringComparison.Ordinal)).ToArray();

    private static readonly string Joined = string.Join("|", Hostile);

    [Fact]
    public void Hostile_strings_stay_data_everywhere()
    {
        var job = AirflowSpecs.Parse(Spec());
        using var files = new GeneratedFiles();
        var path = files.Write(DagCompiler.Compile(job, 1, AirflowSpecs.GoldenOptions));

        GeneratedFiles.ShouldBeValidDag(path);
        var defaults = AirflowSpecs.SampleParams(job);
        var dag = DagValues.Read(path, job, defaults);
        LiteralsShouldEqualTheSpec(job, dag);
        LocalEquivalence.ShouldMatch(job, dag, defaults);

        // Other values make the conditions come out the other way.
        foreach (var other in new[] { Hostile[6], Hostile[12], Hostile[3] })
        {
            var parameters = AirflowSpecs.SampleParams(job, new Dictionary<string, string> { ["s"] = other, ["t"] = other });
            LocalEquivalence.ShouldMatch(job, DagValues.Read(path, job, parameters), parameters);
        }
    }

    [Fact]
    public void The_checker_rejects_a_smuggled_template()
    {
        var job = AirflowSpecs.Parse(AirflowSpecs.Minimal);
        var dag = DagCompiler.Compile(job, 1, new DagCompilerOptions());
        using var files = new GeneratedFiles();

        // What an unescaped user string would look like in a templated field.
        var path = files.WriteText(dag.FileName, dag.Source.Replace("cmds=[\"true\"]", "cmds=[\"{{ dag_run.conf }}\"]", StringComparison.Ordinal));

        var result = PythonProcess.Python(PythonProcess.CheckDag, path);
        result.ExitCode.ShouldBe(1, result.Output);
        result.Stdout.ShouldContain("is not one Genie writes");
    }

    private static void LiteralsShouldEqualTheSpec(JobDefinition job, DagValues dag)
    {
        dag.Dag.GetProperty("description").GetString().ShouldBe(Joined);
        var s = dag.Dag.GetProperty("params").GetProperty("s");
        s.GetProperty("args")[0].GetString().ShouldBe(Hostile[1]);
        JsonValues.Strings(s.GetProperty("kwargs").GetProperty("enum")).ShouldBe(Hostile);
        s.GetProperty("kwargs").GetProperty("description").GetString().ShouldBe(Joined);
        dag.Tasks["cmd"].Text("doc").ShouldBe(Joined);
        foreach (var task in job.Spec.Tasks)
        {
            dag.Tasks.Keys.ShouldContain(AirflowTaskIds.For(task.Name));
        }
    }

    private static string Spec()
    {
        var enumValues = Hostile;
        var spec = new Dictionary<string, object?>
        {
            ["apiVersion"] = "genie.dev/v1",
            ["kind"] = "Job",
            ["metadata"] = new { name = "hostile", @namespace = "default" },
            ["spec"] = new Dictionary<string, object?>
            {
                ["description"] = Joined,
                ["params"] = new Dictionary<string, object?>
                {
                    ["s"] = new { type = "string", @default = Hostile[1], @enum = enumValues, description = Joined },
                    ["t"] = new { type = "string", @default = Hostile[7] },
                    ["u"] = new { type = "string" },
                },
                ["defaults"] = new
                {
                    image = "reg.example/i:{{7*7}}{%x%}'\"\\`$(A)$$-${{ params.t }}",
                    env = Hostile.Select((h, i) => (h, i)).ToDictionary(p => $"E{p.i}", p => p.h + "${{ params.s }}"),
                },
                ["tasks"] = new object[]
                {
                    new
                    {
                        name = "cmd", description = Joined,
                        command = new[] { "prog" }.Concat(Hostile).ToArray(),
                        args = Hostile.Select(h => h + "<${{ params.s }}|${{ params.u }}>").ToArray(),
                        env = new Dictionary<string, string> { ["OWN"] = Joined },
                    },
                    new { name = "script", script = string.Join("\n", InScripts) },
                    new
                    {
                        name = "gated",
                        when = new object[]
                        {
                            new { param = "s", equals = Hostile[1] },
                            new { param = "s", @in = new[] { Hostile[1], Hostile[6], Hostile[13] } },
                            new { param = "s", notEquals = Hostile[12] },
                        },
                        command = new[] { "true" },
                    },
                    new
                    {
                        name = "child",
                        job = new { name = "other", @params = Hostile.Select((h, i) => (h, i)).ToDictionary(p => $"p{p.i}", p => p.h + "${{ params.t }}") },
                    },
                    new { name = "mapped", replicas = 2, command = new[] { "echo" }.Concat(Hostile).ToArray() },
                },
            },
        };
        return JsonSerializer.Serialize(spec);
    }
}
