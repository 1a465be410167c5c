using Genie.Core.Access;

namespace Genie.Core.Tests.Access;

/// <summary>Grant texts and what a set of grants allows in a namespace.</summary>
public sealed class GrantTests
{
    [Theory]
    [InlineData("viewer:team-a", NamespaceRole.Viewer, "team-a")]
    [InlineData("operator:*", NamespaceRole.Operator, "*")]
    [InlineData("admin:b", NamespaceRole.Admin, "b")]
    public void Namespace_grants_read_and_print_the_same(string text, NamespaceRole role, string ns)
    {
        var grant = Grant.Parse(text);

        grant.Role.ShouldBe(role);
        grant.Namespace.ShouldBe(ns);
        grant.IsClusterAdmin.ShouldBeFalse();
        grant.ToString().ShouldBe(text);
    }

    [Theory]
    [InlineData("", "a grant is")]
    [InlineData("viewer", "a grant is")]
    [InlineData("owner:team", "unknown role `owner`")]
    [InlineData("Viewer:team", "unknown role `Viewer`")]
    [InlineData("viewer:Team_A", "`Team_A` is not a namespace name")]
    [InlineData("viewer:", "`` is not a namespace name")]
    [InlineData("cluster-admin:x", "unknown role `cluster-admin`")]
    public void Bad_grants_say_what_is_wrong(string text, string error)
    {
        Grant.TryParse(text, out var grant, out var message).ShouldBeFalse();

        grant.ShouldBeNull();
        message.ShouldContain(error, Case.Sensitive);
    }

    [Fact]
    public void The_highest_role_in_a_namespace_wins_and_a_wildcard_covers_every_namespace()
    {
        var grants = AccessGrants.FromTexts(["viewer:*", "operator:team", "admin:ops", "not a grant"]);

        grants.RoleIn("team").ShouldBe(NamespaceRole.Operator);
        grants.RoleIn("ops").ShouldBe(NamespaceRole.Admin);
        grants.RoleIn("anything").ShouldBe(NamespaceRole.Viewer);
        grants.Allows(NamespaceRole.Operator, "team").ShouldBeTrue();
        grants.Allows(NamespaceRole.Admin, "team").ShouldBeFalse();
        grants.IsClusterAdmin.ShouldBeFalse();
        grants.Namespaces().ShouldBeNull();
        grants.Namespaces(NamespaceRole.Operator)!.OrderBy(n => n).ShouldBe(["ops", "team"]);
        grants.Texts().ShouldBe(["viewer:*", "operator:team", "admin:ops"]);
    }

    [Fact]
    public void A_cluster_admin_is_admin_everywhere_and_no_grants_see_nothing()
    {
        var admin = AccessGrants.FromTexts(["cluster-admin"]);

        admin.IsClusterAdmin.ShouldBeTrue();
        admin.RoleIn("whatever").ShouldBe(NamespaceRole.Admin);
        admin.Namespaces(NamespaceRole.Admin).ShouldBeNull();
        AccessGrants.None.RoleIn("team").ShouldBeNull();
        AccessGrants.None.Namespaces()!.ShouldBeEmpty();
    }
}
