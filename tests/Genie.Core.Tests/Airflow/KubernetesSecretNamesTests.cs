using System.Text.RegularExpressions;
using Genie.Core.Airflow;
using Genie.Core.Specs;

namespace Genie.Core.Tests.Airflow;

/// <summary>The Kubernetes Secret names of Genie secrets: readable, always valid, never shared by two secrets.</summary>
public partial class KubernetesSecretNamesTests
{
    // Kubernetes' own check of object names (validation.IsDNS1123Subdomain), which, unlike Genie's names, does not
    // hold each dot-separated part to 63 characters.
    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex KubernetesSubdomain();

    private static bool IsKubernetesName(string name) => name.Length <= 253 && KubernetesSubdomain().IsMatch(name);

    [Fact]
    public void A_valid_pair_keeps_both_names_readable()
    {
        KubernetesSecretNames.For("analytics", "db-creds").ShouldBe("genie-analytics.db-creds");
        KubernetesSecretNames.For("team", "example.com").ShouldBe("genie-team.example.com");
    }

    [Theory]
    [InlineData("a", "b-c", "a-b", "c")]
    [InlineData("a", "b.c", "a.b", "c")]
    [InlineData("team", "db", "Team", "db")]
    [InlineData("team", "db", "team", "DB")]
    [InlineData("a-b", "c", "a_b", "c")]
    public void Two_different_secrets_never_share_a_name(string ns1, string name1, string ns2, string name2)
    {
        var first = KubernetesSecretNames.For(ns1, name1);
        var second = KubernetesSecretNames.For(ns2, name2);

        first.ShouldNotBe(second);
        IsKubernetesName(first).ShouldBeTrue(first);
        IsKubernetesName(second).ShouldBeTrue(second);
    }

    [Fact]
    public void A_name_too_long_for_kubernetes_is_cut_and_told_apart_by_a_hash()
    {
        var ns = new string('n', 63);
        var long1 = new string('s', 250) + "1";
        var long2 = new string('s', 250) + "2";

        var first = KubernetesSecretNames.For(ns, long1);
        var second = KubernetesSecretNames.For(ns, long2);

        first.Length.ShouldBe(SpecNames.MaxSubdomainLength);
        first.ShouldStartWith("genie-" + ns + "-sss");
        first.ShouldNotBe(second);
        IsKubernetesName(first).ShouldBeTrue();
        IsKubernetesName(second).ShouldBeTrue();
        KubernetesSecretNames.For(ns, long1).ShouldBe(first);
    }

    [Fact]
    public void The_longest_pair_that_fits_keeps_the_plain_form()
    {
        // A valid Genie secret name (parts of at most 63 characters) that fills the rest exactly.
        var name = string.Join('.', new string('a', 63), new string('b', 63), new string('c', 63), new string('d', 52));
        ("genie-ns." + name).Length.ShouldBe(SpecNames.MaxSubdomainLength);

        KubernetesSecretNames.For("ns", name).ShouldBe("genie-ns." + name);
        KubernetesSecretNames.For("ns", name + "d").ShouldNotContain(".");
    }

    [Theory]
    [InlineData("Team", "DB")]
    [InlineData("team_a", "db creds")]
    [InlineData("ünïcode", "名前")]
    [InlineData("--", "..")]
    [InlineData("", "")]
    [InlineData("a\nb", "c/d")]
    public void Odd_characters_still_give_a_valid_subdomain(string ns, string name)
    {
        var result = KubernetesSecretNames.For(ns, name);

        IsKubernetesName(result).ShouldBeTrue(result);
        result.ShouldStartWith("genie-");
        result.ShouldNotContain(".");
    }
}
