namespace Genie.Portal.Tests.Infrastructure;

/// <summary>
/// The portal stack signing in through <see cref="TestOidcProvider"/>: the server accepts the provider's access tokens
/// (`Genie:Auth:Jwt` at its issuer and JWKS) and the portal offers the provider's sign-in. Its user may view `team-a` only.
/// </summary>
public sealed class OidcPortalStack : PortalStack
{
    public const string Subject = "dana";
    public const string GrantedNamespace = "team-a";

    public TestOidcProvider Provider { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Provider = await TestOidcProvider.StartAsync(Subject, [$"viewer:{GrantedNamespace}"]);
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Provider is not null)
        {
            await Provider.DisposeAsync();
        }
    }

    protected override IReadOnlyDictionary<string, string> ServerSettings() => new Dictionary<string, string>
    {
        ["Genie:Auth:Jwt:Issuer"] = Provider.Issuer,
        ["Genie:Auth:Jwt:Audience"] = TestOidcProvider.GenieAudience,
        ["Genie:Auth:Jwt:JwksUrl"] = Provider.Issuer + "/jwks",
        ["Genie:Auth:Jwt:RequireHttpsJwks"] = "false",
    };

    protected override IEnumerable<string> PortalSettings() =>
    [
        $"--Genie:Portal:Oidc:Authority={Provider.Issuer}",
        $"--Genie:Portal:Oidc:ClientId={TestOidcProvider.ClientId}",
        $"--Genie:Portal:Oidc:ClientSecret={TestOidcProvider.ClientSecret}",
        "--Genie:Portal:Oidc:Scopes:0=genie",
        "--Genie:Portal:Oidc:DisplayName=Test IdP",
        "--Genie:Portal:Oidc:RequireHttpsMetadata=false",
    ];
}
