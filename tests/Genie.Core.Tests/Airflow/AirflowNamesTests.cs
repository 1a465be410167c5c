using Genie.Core.Airflow;
using Genie.Core.Specs;

namespace Genie.Core.Tests.Airflow;

/// <summary>DAG ids, task ids, child run ids and run conf: the names Genie and Airflow share.</summary>
public class AirflowNamesTests
{
    [Fact]
    public void Dag_ids_join_namespace_and_job_and_parse_back()
    {
        DagIds.For("analytics", "nightly-etl").ShouldBe("genie__analytics__nightly-etl");
        DagIds.TryParse("genie__analytics__nightly-etl", out var ns, out var job).ShouldBeTrue();
        (ns, job).ShouldBe(("analytics", "nightly-etl"));
        DagIds.TryParse("other_dag", out _, out _).ShouldBeFalse();
        DagIds.TryParse("genie__a__b__c", out _, out _).ShouldBeFalse();
        Should.Throw<ArgumentException>(() => DagIds.For("Bad_NS", "job"));
        Should.Throw<ArgumentException>(() => DagIds.For("ns", "a__b"));
        DagIds.For(new string('a', 63), new string('b', 63)).Length.ShouldBeLessThanOrEqualTo(250);
    }

    [Fact]
    public void Genie_tasks_and_added_tasks_are_told_apart()
    {
        AirflowTaskIds.IsGenieTask(AirflowTaskIds.For("load")).ShouldBeTrue();
        AirflowTaskIds.IsGenieTask(AirflowTaskIds.WhenGate("load")).ShouldBeFalse();
        AirflowTaskIds.IsGenieTask(AirflowTaskIds.OptionalBarrier("load")).ShouldBeFalse();
        AirflowTaskIds.IsGenieTask(AirflowTaskIds.Outcome).ShouldBeFalse();
    }

    [Theory]
    [InlineData("3f2c8a9e-0000-4000-8000-000000000001")]
    [InlineData("manual__2025-06-01T10:00:00.123456+00:00")]
    [InlineData("3f2c8a9e-0000-4000-8000-000000000001__downstream__2")]
    public void Child_run_ids_name_parent_task_and_try(string parent)
    {
        var id = ChildRunIds.Format(parent, "publish-step", 3);

        ChildRunIds.TryParse(id, out var parsedParent, out var task, out var tryNumber).ShouldBeTrue();
        (parsedParent, task, tryNumber).ShouldBe((parent, "publish-step", 3));
        ChildRunIds.TryParse(parent, out _, out _, out _).ShouldBe(parent.Contains("__downstream__", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_conf_carries_params_as_genie_text()
    {
        var conf = DagRunConf.For(new Dictionary<string, ParamValue>
        {
            ["flag"] = new ParamValue.Boolean(true),
            ["big"] = new ParamValue.Number(1.5e20),
            ["count"] = new ParamValue.Integer(-3),
            ["name"] = new ParamValue.Text("x"),
        });

        conf.ShouldBe(new Dictionary<string, string> { ["big"] = "1.5E+20", ["count"] = "-3", ["flag"] = "true", ["name"] = "x" });
        conf.Keys.ShouldBe(["big", "count", "flag", "name"]);
    }

    [Fact]
    public void Long_label_tags_are_left_out()
    {
        var job = AirflowSpecs.Parse($$$"""
            apiVersion: genie.dev/v1
            kind: Job
            metadata: {name: tags, namespace: default, labels: {"{{{new string('a', 60)}}}.example/{{{new string('k', 40)}}}": v, short: ok}}
            spec:
              tasks: [{name: only, image: "busybox:1.36", command: ["true"]}]
            """);

        var source = DagCompiler.Compile(job, 1, new DagCompilerOptions()).Source;

        source.ShouldContain("\"short=ok\"");
        source.ShouldNotContain(new string('k', 40) + "=v");
    }
}
