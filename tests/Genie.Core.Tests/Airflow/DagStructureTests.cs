using System.Text.Json;
using Genie.Core.Airflow;
using Genie.Core.Specs;

namespace Genie.Core.Tests.Airflow;

/// <summary>How spec features appear in the generated file, read back with python3's ast.</summary>
public class DagStructureTests : IDisposable
{
    private readonly GeneratedFiles _files = new();

    [Fact]
    public void The_dag_runs_only_when_genie_triggers_it()
    {
        var dag = Read(AirflowSpecs.Features).Dag;

        dag.GetProperty("dag_id").GetString().ShouldBe("genie__analytics__warehouse-load");
        dag.GetProperty("schedule").ValueKind.ShouldBe(JsonValueKind.Null);
        dag.GetProperty("catchup").GetBoolean().ShouldBeFalse();
        dag.GetProperty("is_paused_upon_creation").GetBoolean().ShouldBeFalse();
        dag.GetProperty("max_active_runs").GetInt32().ShouldBe(2);
        Call(dag.GetProperty("dagrun_timeout"), "timedelta").GetProperty("hours").GetInt32().ShouldBe(2);
        JsonValues.Strings(dag.GetProperty("tags")).ShouldBe(
            ["genie", "genie-namespace:analytics", "genie-job:warehouse-load", "genie-group:etl",
             Compile(AirflowSpecs.Features).HashTag, "cost-center=4711", "team=data"]);
    }

    [Fact]
    public void Params_are_declared_as_text_with_their_rules()
    {
        var parameters = Read(AirflowSpecs.Features).Dag.GetProperty("params");

        Param(parameters, "date").Args.ShouldBeEmpty();
        Param(parameters, "date").Kwargs.GetProperty("type").GetString().ShouldBe("string");
        Param(parameters, "region").Args.ShouldBe(["eu"]);
        JsonValues.Strings(Param(parameters, "region").Kwargs.GetProperty("enum")).ShouldBe(["eu", "us"]);
        Param(parameters, "shards").Kwargs.GetProperty("pattern").GetString().ShouldBe("^[+-]?[0-9]+$");
        JsonValues.Strings(Param(parameters, "dry").Kwargs.GetProperty("enum")).ShouldBe(["true", "false"]);
        Param(parameters, "comment").Args.ShouldBe([null]);
        JsonValues.Strings(Param(parameters, "comment").Kwargs.GetProperty("type")).ShouldBe(["null", "string"]);
    }

    [Fact]
    public void Run_if_conditions_and_optional_tasks_become_trigger_rules_gates_and_barriers()
    {
        var tasks = Read(AirflowSpecs.Features).Tasks;

        tasks["extract"].TriggerRule.ShouldBe("none_failed");
        tasks["load__when"].Operator.ShouldBe("ShortCircuitOperator");
        tasks["load__when"].Upstream.ShouldBe(["transform"]);
        tasks["load__when"].Keywords.GetProperty("ignore_downstream_trigger_rules").GetBoolean().ShouldBeFalse();
        tasks["load"].Upstream.ShouldBe(["load__when"]);
        tasks["load"].TriggerRule.ShouldBe("all_success");
        tasks["report__optional"].Operator.ShouldBe("EmptyOperator");
        tasks["report__optional"].TriggerRule.ShouldBe("all_done");
        tasks["audit"].Upstream.ShouldBe(["report__optional"]);
        tasks["alert"].TriggerRule.ShouldBe("one_failed");
        tasks["alert"].Upstream.ShouldBe(["load", "report__optional"]);
        tasks["cleanup"].TriggerRule.ShouldBe("all_done");
        tasks[AirflowTaskIds.Outcome].TriggerRule.ShouldBe("none_failed");
        tasks[AirflowTaskIds.Outcome].Upstream.ShouldBe(
            ["extract", "transform", "load", "report__optional", "audit", "alert", "cleanup", "publish", "notify"]);
        tasks.Values.Count(t => t.Upstream.Contains(AirflowTaskIds.Outcome)).ShouldBe(0);
    }

    [Fact]
    public void Replicas_map_over_pod_names_and_read_their_index_from_the_map_index()
    {
        var transform = Read(AirflowSpecs.Features).Tasks["transform"];

        JsonValues.Strings(transform.Expand.GetProperty("name")).ShouldBe(["transform-0", "transform-1", "transform-2"]);
        var env = JsonValues.StringMap(transform.Keywords.GetProperty("env_vars"));
        env["GENIE_REPLICA_INDEX"].ShouldBe("{{ ti.map_index }}");
        env["GENIE_REPLICA_COUNT"].ShouldBe("3");
        JsonValues.Strings(transform.Keywords.GetProperty("cmds")).ShouldBe(["/bin/sh", "-c"]);
    }

    [Fact]
    public void Pods_get_resources_secrets_placement_labels_and_the_deployment_options()
    {
        var load = Read(AirflowSpecs.Features).Tasks["load"].Keywords;

        var resources = Call(load.GetProperty("container_resources"), "k8s.V1ResourceRequirements");
        JsonValues.StringMap(resources.GetProperty("requests")).ShouldBe(new Dictionary<string, string> { ["cpu"] = "500m", ["memory"] = "2Gi" });
        JsonValues.StringMap(resources.GetProperty("limits")).ShouldBe(new Dictionary<string, string> { ["cpu"] = "1", ["memory"] = "4Gi" });
        load.GetProperty("secrets").EnumerateArray().Select(s => string.Join(",", JsonValues.Strings(s.GetProperty("args"))))
            .ShouldBe(["env,DB_PASSWORD,genie-analytics.db-creds,password", "env,WAREHOUSE_TOKEN,genie-analytics.warehouse,token"]);
        JsonValues.StringMap(load.GetProperty("node_selector")).ShouldBe(new Dictionary<string, string> { ["disk"] = "ssd", ["pool"] = "batch" }, ignoreOrder: true);
        load.GetProperty("tolerations").GetArrayLength().ShouldBe(2);
        var labels = JsonValues.StringMap(load.GetProperty("labels"));
        labels["genie.dev/task"].ShouldBe("load");
        labels["genie.dev/version"].ShouldBe("7");
        labels["team"].ShouldBe("data");
        JsonValues.StringMap(load.GetProperty("annotations"))["genie.dev/run-id"].ShouldBe("{{ run_id }}");
        load.GetProperty("namespace").GetString().ShouldBe("genie-jobs");
        load.GetProperty("pool").GetString().ShouldBe("genie");
        load.GetProperty("service_account_name").GetString().ShouldBe("genie-runner");
        load.GetProperty("kubernetes_conn_id").GetString().ShouldBe("kubernetes_genie");
        load.GetProperty("get_logs").GetBoolean().ShouldBeTrue();
        load.GetProperty("on_finish_action").GetString().ShouldBe("delete_pod");
    }

    [Fact]
    public void Retries_timeouts_priorities_and_skip_codes_follow_the_resolved_task()
    {
        var tasks = Read(AirflowSpecs.Features).Tasks;
        var load = tasks["load"].Keywords;
        var extract = tasks["extract"].Keywords;

        load.GetProperty("retries").GetInt32().ShouldBe(5);
        Call(load.GetProperty("retry_delay"), "timedelta").GetProperty("milliseconds").GetInt32().ShouldBe(1500);
        load.TryGetProperty("retry_exponential_backoff", out _).ShouldBeFalse();
        Call(load.GetProperty("execution_timeout"), "timedelta").GetProperty("minutes").GetInt32().ShouldBe(10);
        load.GetProperty("priority_weight").GetInt32().ShouldBe(-5);
        load.GetProperty("weight_rule").GetString().ShouldBe("absolute");
        load.GetProperty("skip_on_exit_code").EnumerateArray().Select(c => c.GetInt32()).ShouldBe([99]);
        extract.GetProperty("retries").GetInt32().ShouldBe(2);
        extract.GetProperty("retry_exponential_backoff").GetBoolean().ShouldBeTrue();
        Call(extract.GetProperty("max_retry_delay"), "timedelta").GetProperty("minutes").GetInt32().ShouldBe(10);
        extract.GetProperty("priority_weight").GetInt32().ShouldBe(10);
    }

    [Fact]
    public void Airflow_3_2_takes_the_backoff_as_a_multiplier()
    {
        var dag = DagCompiler.Compile(AirflowSpecs.Parse(AirflowSpecs.Features), 7, AirflowSpecs.GoldenOptions with { Target = AirflowTarget.V3_2 });
        var extract = DagValues.Read(_files.Write(dag), AirflowSpecs.Parse(AirflowSpecs.Features), new Dictionary<string, ParamValue>()).Tasks["extract"];

        extract.Keywords.GetProperty("retry_exponential_backoff").GetDouble().ShouldBe(2.0);
    }

    [Fact]
    public void Child_jobs_trigger_the_child_dag_under_a_linked_run_id()
    {
        var tasks = Read(AirflowSpecs.Features).Tasks;
        var publish = tasks["publish"];
        var notify = tasks["notify"];

        publish.Operator.ShouldBe("TriggerDagRunOperator");
        publish.Text("trigger_dag_id").ShouldBe("genie__analytics__publish");
        publish.Text("trigger_run_id").ShouldBe("{{ run_id }}__publish__{{ ti.try_number }}");
        publish.Keywords.GetProperty("wait_for_completion").GetBoolean().ShouldBeTrue();
        publish.Keywords.GetProperty("logical_date").ValueKind.ShouldBe(JsonValueKind.Null);
        JsonValues.StringMap(publish.Keywords.GetProperty("conf")).Keys.ShouldBe(["date", "note"]);
        tasks["publish__when"].Upstream.ShouldBe(["load"]);
        notify.Text("trigger_dag_id").ShouldBe("genie__ops__notify");
        notify.Keywords.GetProperty("wait_for_completion").GetBoolean().ShouldBeFalse();
        notify.Keywords.TryGetProperty("poke_interval", out _).ShouldBeFalse();
        notify.Text("doc").ShouldBe("Tells the other team, fire and forget");
    }

    [Fact]
    public void Imports_follow_what_the_file_uses()
    {
        var childrenOnly = Compile(AirflowSpecs.ChildrenOnly).Source;
        var minimal = Compile(AirflowSpecs.Minimal).Source;

        childrenOnly.ShouldContain("from airflow.providers.standard.operators.trigger_dagrun import TriggerDagRunOperator\n");
        childrenOnly.ShouldNotContain("KubernetesPodOperator");
        minimal.ShouldContain("from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator\n");
        minimal.ShouldContain("from airflow.sdk import DAG\n");
        minimal.ShouldNotContain("import truth");
        minimal.ShouldNotContain("Secret");
        minimal.ShouldNotContain("k8s");
    }

    public void Dispose() => _files.Dispose();

    private static CompiledDag Compile(string spec) => DagCompiler.Compile(AirflowSpecs.Parse(spec), 7, AirflowSpecs.GoldenOptions);

    private DagValues Read(string spec)
    {
        var job = AirflowSpecs.Parse(spec);
        return DagValues.Read(_files.Write(Compile(spec)), job, AirflowSpecs.SampleParams(job));
    }

    private static JsonElement Call(JsonElement value, string function)
    {
        value.GetProperty("call").GetString().ShouldBe(function);
        return value.GetProperty("kwargs");
    }

    private static (List<string?> Args, JsonElement Kwargs) Param(JsonElement parameters, string name)
    {
        var param = parameters.GetProperty(name);
        param.GetProperty("call").GetString().ShouldBe("Param");
        return (param.GetProperty("args").EnumerateArray().Select(a => a.GetString()).ToList(), param.GetProperty("kwargs"));
    }
}
