namespace Genie.Server.Tests.Deployment;

/// <summary>Replicas, the HorizontalPodAutoscaler and the PodDisruptionBudgets follow each other.</summary>
public sealed class ChartScalingTests
{
    [Fact]
    public async Task By_default_two_server_replicas_run_under_a_disruption_budget()
    {
        var chart = await Helm.DefaultAsync();

        ((int)chart.Get("Deployment", "genie-server")["spec"]!["replicas"]!).ShouldBe(2);
        ((int)chart.Get("PodDisruptionBudget", "genie-server")["spec"]!["minAvailable"]!).ShouldBe(1);
        chart.OfKind("HorizontalPodAutoscaler").ShouldBeEmpty();
        // One portal replica: a budget over it would block every node drain.
        chart.Find("PodDisruptionBudget", "genie-portal").ShouldBeNull();
    }

    [Fact]
    public async Task With_autoscaling_the_autoscaler_owns_the_replica_count()
    {
        var chart = await Helm.FullAsync();

        var deployment = chart.Get("Deployment", "genie-server");
        var autoscaler = chart.Get("HorizontalPodAutoscaler", "genie-server");

        deployment["spec"]!.AsObject().ContainsKey("replicas").ShouldBeFalse();
        autoscaler["spec"]!["scaleTargetRef"]!["name"]!.ToString().ShouldBe("genie-server");
        autoscaler["spec"]!["scaleTargetRef"]!["kind"]!.ToString().ShouldBe("Deployment");
        autoscaler["spec"]!["metrics"]!.AsArray().Select(m => m!["resource"]!["name"]!.ToString()).ShouldBe(["cpu", "memory"]);
        chart.Find("PodDisruptionBudget", "genie-server").ShouldNotBeNull();
        chart.Find("PodDisruptionBudget", "genie-portal").ShouldNotBeNull();
    }

    [Fact]
    public async Task A_single_server_replica_gets_no_disruption_budget()
    {
        var chart = await Helm.TemplateAsync(sets: ["server.replicas=1"]);

        chart.Find("PodDisruptionBudget", "genie-server").ShouldBeNull();
    }
}
