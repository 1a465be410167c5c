using Genie.Client.Contracts;
using Genie.Portal.Runs;

namespace Genie.Portal.Tests.Runs;

/// <summary>Links out of Genie: the run's trace (the server's link first) and its DAG run in the Airflow 3 UI.</summary>
public sealed class RunLinkTargetsTests
{
    private static readonly RunResource Run = SampleRuns.Run("airflow") with { TraceId = "4bf92f3577b34da6a3ce929d0e0e4736" };

    [Fact]
    public void The_servers_trace_link_wins_over_the_portals_template()
    {
        var options = new PortalOptions { TraceUrlTemplate = "https://tempo.example/trace/{traceId}" };

        RunLinkTargets.Trace(Run with { TraceUrl = "https://jaeger.example/trace/x" }, options).ShouldBe("https://jaeger.example/trace/x");
        RunLinkTargets.Trace(Run, options).ShouldBe("https://tempo.example/trace/4bf92f3577b34da6a3ce929d0e0e4736");
    }

    [Fact]
    public void Without_a_template_or_a_trace_id_there_is_no_trace_link()
    {
        RunLinkTargets.Trace(Run, new PortalOptions()).ShouldBeNull();
        RunLinkTargets.Trace(Run with { TraceId = null }, new PortalOptions { TraceUrlTemplate = "https://t/{traceId}" }).ShouldBeNull();
    }

    [Theory]
    [InlineData("https://airflow.example")]
    [InlineData("https://airflow.example/")]
    public void The_airflow_link_is_the_dag_runs_page_of_the_airflow_3_ui(string ui)
    {
        RunLinkTargets.AirflowDagRun(new Uri(ui), "genie__default__etl", Run.Id).ToString()
            .ShouldBe($"https://airflow.example/dags/genie__default__etl/runs/run-1");
    }

    [Fact]
    public void The_airflow_link_keeps_a_path_prefix_and_escapes_its_parts()
    {
        RunLinkTargets.AirflowDagRun(new Uri("https://ops.example/airflow"), "a b", "manual__x/y").AbsoluteUri
            .ShouldBe("https://ops.example/airflow/dags/a%20b/runs/manual__x%2Fy");
    }
}
