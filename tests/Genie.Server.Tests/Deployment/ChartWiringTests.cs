using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests.Deployment;

/// <summary>
/// The rendered objects point at each other correctly: Services select the pods and target ports they have, the
/// portal calls the server's Service, Ingresses and NetworkPolicies name ports that exist, and the pods mount a
/// writable volume wherever Genie writes while their root file system is read-only.
/// </summary>
public sealed partial class ChartWiringTests
{
    [Fact]
    public async Task The_default_ports_are_the_servers_own()
    {
        var chart = await Helm.DefaultAsync();
        var ports = RenderedChart.Container(chart.Get("Deployment", "genie-server"))["ports"]!.AsArray()
            .ToDictionary(p => (string)p!["name"]!, p => (int)p!["containerPort"]!);
        var makefile = await File.ReadAllTextAsync(Path.Combine(RepositoryFiles.Root, "Makefile"));

        // Genie's own default address, and the gRPC port `make run` gives it (Genie has none of its own: unset is off).
        ports["http"].ShouldBe(new Uri(ServerDefaults.Url).Port);
        ports["grpc"].ShouldBe(new Uri(MakeRunGrpcUrl().Match(makefile).Groups[1].Value).Port);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Every_service_selects_its_pods_and_targets_a_port_they_declare(bool fullValues)
    {
        var chart = fullValues ? await Helm.FullAsync() : await Helm.DefaultAsync();

        var services = chart.OfKind("Service").ToList();

        services.Count.ShouldBe(2);
        foreach (var service in services)
        {
            var deployment = PodsOf(chart, service["spec"]!["selector"]!.AsObject()).ShouldHaveSingleItem();
            var ports = ContainerPortNames(deployment);
            foreach (var port in service["spec"]!["ports"]!.AsArray())
            {
                ports.ShouldContain((string)port!["targetPort"]!);
                ((int)port["port"]!).ShouldBe(ContainerPort(deployment, (string)port["targetPort"]!));
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_portal_calls_the_servers_service_on_its_http_port(bool fullValues)
    {
        var chart = fullValues ? await Helm.FullAsync() : await Helm.DefaultAsync();

        var serverUrl = new Uri(chart.Environment(chart.Get("Deployment", "genie-portal"))["Genie__Portal__ServerUrl"].Value!);

        var service = chart.Get("Service", serverUrl.Host);
        var http = service["spec"]!["ports"]!.AsArray().Single(p => (string)p!["name"]! == "http")!;
        serverUrl.Port.ShouldBe((int)http["port"]!);
        PodsOf(chart, service["spec"]!["selector"]!.AsObject()).Single()["metadata"]!["name"]!.ToString().ShouldBe("genie-server");
    }

    [Fact]
    public async Task Ingress_backends_and_network_policy_ports_exist()
    {
        var chart = await Helm.FullAsync();

        var backends = chart.OfKind("Ingress").SelectMany(i => i["spec"]!["rules"]!.AsArray())
            .SelectMany(r => r!["http"]!["paths"]!.AsArray()).Select(p => p!["backend"]!["service"]!).ToList();
        var policies = chart.OfKind("NetworkPolicy").ToList();

        backends.Count.ShouldBe(3);
        foreach (var backend in backends)
        {
            var service = chart.Get("Service", (string)backend["name"]!);
            service["spec"]!["ports"]!.AsArray().Select(p => (string)p!["name"]!).ShouldContain((string)backend["port"]!["name"]!);
        }

        policies.Count.ShouldBe(2);
        foreach (var policy in policies)
        {
            var deployment = PodsOf(chart, policy["spec"]!["podSelector"]!["matchLabels"]!.AsObject()).ShouldHaveSingleItem();
            var ports = policy["spec"]!["ingress"]!.AsArray().SelectMany(r => r!["ports"]!.AsArray()).Select(p => (string)p!["port"]!);
            ports.ShouldAllBe(p => ContainerPortNames(deployment).Contains(p));
        }

        // The portal may call the server through the server's policy.
        var serverPolicy = chart.Get("NetworkPolicy", "genie-server");
        serverPolicy["spec"]!["ingress"]![0]!["from"]!.AsArray()
            .Select(f => f!["podSelector"]?["matchLabels"]?["app.kubernetes.io/component"]?.ToString()).ShouldContain("portal");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Pods_run_as_the_images_non_root_user_on_a_read_only_root_with_writable_volumes_where_genie_writes(bool fullValues)
    {
        var chart = fullValues ? await Helm.FullAsync() : await Helm.DefaultAsync();

        foreach (var deployment in chart.OfKind("Deployment"))
        {
            var pod = RenderedChart.PodSpec(deployment);
            var container = RenderedChart.Container(deployment);
            ((bool)pod["securityContext"]!["runAsNonRoot"]!).ShouldBeTrue();
            ((int)pod["securityContext"]!["runAsUser"]!).ShouldBe(10001);
            ((bool)container["securityContext"]!["readOnlyRootFilesystem"]!).ShouldBeTrue();
            ((bool)container["securityContext"]!["allowPrivilegeEscalation"]!).ShouldBeFalse();
            MountPaths(container).ShouldContain("/tmp");
        }

        var server = chart.Get("Deployment", "genie-server");
        var dataDir = chart.Environment(server)["Genie__DataDir"].Value!;
        MountPaths(RenderedChart.Container(server)).ShouldContain(dataDir);
        // The portal never talks to the Kubernetes API; the server only does for the Secret sync (on in both).
        ((bool)RenderedChart.PodSpec(chart.Get("Deployment", "genie-portal"))["automountServiceAccountToken"]!).ShouldBeFalse();
        ((bool)RenderedChart.PodSpec(server)["automountServiceAccountToken"]!).ShouldBeTrue();
    }

    [Fact]
    public async Task A_changed_setting_changes_the_pod_template_so_the_replicas_roll()
    {
        var before = await Helm.DefaultAsync();
        var after = await Helm.TemplateAsync(sets: ["logLevel=Debug"]);

        string Checksum(RenderedChart chart) =>
            (string)chart.Get("Deployment", "genie-server")["spec"]!["template"]!["metadata"]!["annotations"]!["checksum/config"]!;

        Checksum(after).ShouldNotBe(Checksum(before));
    }

    private static IEnumerable<JsonObject> PodsOf(RenderedChart chart, JsonObject selector) =>
        chart.OfKind("Deployment").Where(d =>
        {
            var labels = d["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();
            return selector.All(s => labels[s.Key]?.ToString() == s.Value!.ToString());
        });

    private static List<string> ContainerPortNames(JsonObject deployment) =>
        RenderedChart.Container(deployment)["ports"]!.AsArray().Select(p => (string)p!["name"]!).ToList();

    private static int ContainerPort(JsonObject deployment, string name) =>
        (int)RenderedChart.Container(deployment)["ports"]!.AsArray().Single(p => (string)p!["name"]! == name)!["containerPort"]!;

    private static List<string> MountPaths(JsonObject container) =>
        container["volumeMounts"]!.AsArray().Select(m => (string)m!["mountPath"]!).ToList();

    [GeneratedRegex(@"^GRPC_URL \?= (\S+)$", RegexOptions.Multiline)]
    private static partial Regex MakeRunGrpcUrl();
}
