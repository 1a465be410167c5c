using System.Net;
using Genie.Client;
using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests.Access;

/// <summary>`GET /api/v1/whoami`: each caller learns its own actor and grants, and nothing without a credential.</summary>
public sealed class WhoAmITests(GenieApp app) : IClassFixture<GenieApp>
{
    [Fact]
    public async Task Each_caller_sees_its_own_actor_and_grants()
    {
        var admin = app.CreateGenieClient();
        var created = await admin.CreateApiKeyAsync("whoami viewer", ["viewer:team", "operator:ops"]);
        var viewer = new GenieClient(TestCredentials.Authorize(app.CreateClient(), created.Key));

        var adminSelf = await admin.WhoAmIAsync();
        var viewerSelf = await viewer.WhoAmIAsync();

        adminSelf.Actor.ShouldBe(TestCredentials.AdminActor);
        adminSelf.Grants.ShouldBe(["cluster-admin"]);
        adminSelf.ClusterAdmin.ShouldBeTrue();
        viewerSelf.Actor.ShouldBe("key:" + created.ApiKey.Prefix);
        viewerSelf.Grants.ShouldBe(["viewer:team", "operator:ops"], ignoreOrder: true);
        viewerSelf.ClusterAdmin.ShouldBeFalse();
    }

    [Fact]
    public async Task Without_a_credential_it_is_401()
    {
        using var response = await app.CreateAnonymousClient().GetAsync("/api/v1/whoami");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
