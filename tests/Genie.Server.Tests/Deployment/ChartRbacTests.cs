using System.Text.RegularExpressions;
using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests.Deployment;

/// <summary>
/// The Role the chart grants the server is exactly what Genie's KubernetesClient calls need: read from the code (every file
/// that uses the `k8s` client), each `CoreV1.{Verb}Namespaced{Kind}Async` call gives one (resource, verb); nothing else
/// is granted, nowhere else than the pods' namespace, and nothing at all when the Secret sync is off.
/// </summary>
public sealed partial class ChartRbacTests
{
    // KubernetesClient's operation names against the RBAC verbs the API server checks for them.
    private static readonly IReadOnlyDictionary<string, string> Verbs = new Dictionary<string, string>
    {
        ["List"] = "list",
        ["Read"] = "get",
        ["Create"] = "create",
        ["Replace"] = "update",
        ["Patch"] = "patch",
        ["Delete"] = "delete",
        ["DeleteCollection"] = "deletecollection",
        ["Watch"] = "watch",
    };

    [Fact]
    public void The_code_makes_only_namespaced_core_calls_this_test_can_map()
    {
        var calls = KubernetesCalls().ToList();

        // Any other use of the client (another API group, a cluster-wide call) would need a rule this test cannot derive.
        calls.ShouldNotBeEmpty();
        calls.ShouldAllBe(c => CoreCall().IsMatch(c), string.Join("\n", calls));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_role_grants_exactly_the_verbs_the_code_calls_in_the_pods_namespace(bool fullValues)
    {
        var needed = KubernetesCalls().Select(c => CoreCall().Match(c))
            .Select(m => $"{Plural(m.Groups["kind"].Value)}:{Verbs[m.Groups["verb"].Value]}")
            .Distinct().Order().ToList();
        var chart = fullValues ? await Helm.FullAsync() : await Helm.DefaultAsync();

        var role = chart.OfKind("Role").ShouldHaveSingleItem();
        var granted = role["rules"]!.AsArray().SelectMany(rule =>
        {
            rule!["apiGroups"]!.AsArray().Select(g => (string)g!).ShouldBe([""]);
            return rule["resources"]!.AsArray().SelectMany(r => rule["verbs"]!.AsArray().Select(v => $"{r}:{v}"));
        }).Order().ToList();

        granted.ShouldBe(needed);
        needed.ShouldBe(["secrets:create", "secrets:delete", "secrets:get", "secrets:list", "secrets:update"]);
        var podsNamespace = chart.Environment(chart.Get("Deployment", "genie-server"))["Genie__Airflow__KubernetesNamespace"].Value;
        role["metadata"]!["namespace"]!.ToString().ShouldBe(podsNamespace);
        chart.OfKind("ClusterRole").ShouldBeEmpty();
        chart.OfKind("ClusterRoleBinding").ShouldBeEmpty();
        var binding = chart.OfKind("RoleBinding").ShouldHaveSingleItem();
        binding["metadata"]!["namespace"]!.ToString().ShouldBe(podsNamespace);
        binding["roleRef"]!["name"]!.ToString().ShouldBe(role["metadata"]!["name"]!.ToString());
        var subject = binding["subjects"]!.AsArray().ShouldHaveSingleItem()!;
        subject["name"]!.ToString().ShouldBe(RenderedChart.PodSpec(chart.Get("Deployment", "genie-server"))["serviceAccountName"]!.ToString());
        subject["namespace"]!.ToString().ShouldBe(Helm.Namespace);
    }

    [Fact]
    public async Task Without_the_secret_sync_there_is_no_role_no_token_and_no_kubernetes_setting()
    {
        var chart = await Helm.TemplateAsync(sets: ["kubernetesSecretSync.enabled=false"]);

        chart.OfKind("Role").ShouldBeEmpty();
        chart.OfKind("RoleBinding").ShouldBeEmpty();
        ((bool)RenderedChart.PodSpec(chart.Get("Deployment", "genie-server"))["automountServiceAccountToken"]!).ShouldBeFalse();
        chart.Environment(chart.Get("Deployment", "genie-server")).Keys.ShouldNotContain(k => k.StartsWith("Genie__Kubernetes__", StringComparison.Ordinal));
    }

    // Every call of an API group's operations (`.CoreV1.ReadNamespacedSecretAsync(`, `.AppsV1.…(`) in the product code
    // that uses the k8s client, whatever the client's variable is called.
    private static IEnumerable<string> KubernetesCalls() =>
        new[] { "control-plane", "ui" }
            .SelectMany(dir => Directory.EnumerateFiles(Path.Combine(RepositoryFiles.Root, dir), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .Where(code => code.Contains("using k8s;", StringComparison.Ordinal))
            .SelectMany(code => AnyCall().Matches(code).Select(m => $"{m.Groups["group"].Value}.{m.Groups["operation"].Value}"));

    private static string Plural(string kind) => kind.ToLowerInvariant() + "s";

    [GeneratedRegex(@"\.(?<group>[A-Z][A-Za-z]*V\d+(?:alpha\d+|beta\d+)?)\.(?<operation>\w+)\(")]
    private static partial Regex AnyCall();

    [GeneratedRegex(@"^CoreV1\.(?<verb>List|Read|Create|Replace|Patch|Delete|DeleteCollection|Watch)Namespaced(?<kind>[A-Z][a-z]+)(WithHttpMessages)?Async$")]
    private static partial Regex CoreCall();
}
