namespace Genie.Portal.Session;

/// <summary>
/// Signing in through an OpenID Connect identity provider (`Genie:Portal:Oidc`); offered only once
/// <see cref="Authority"/> and <see cref="ClientId"/> are set. The provider's access token is what the portal
/// presents to Genie, so Genie's `Genie:Auth:Jwt` settings must accept it (issuer, audience, keys).
/// </summary>
public sealed record PortalOidcOptions
{
    /// <summary>The provider's issuer URL; its discovery document is read from `.well-known/openid-configuration` below it.</summary>
    public Uri? Authority { get; init; }

    public string? ClientId { get; init; }

    /// <summary>The portal's client secret at the provider (a confidential client: the code is redeemed server side).</summary>
    public string? ClientSecret { get; init; }

    /// <summary>The scopes asked for; `openid` is always among them. Add what makes the provider issue an access token for Genie.</summary>
    public List<string> Scopes { get; init; } = [];

    /// <summary>What the sign-in button names the provider.</summary>
    public string DisplayName { get; init; } = "your identity provider";

    /// <summary>Whether the discovery document must be https; off only for a provider on the same machine.</summary>
    public bool RequireHttpsMetadata { get; init; } = true;

    public bool IsEnabled => Authority is not null && !string.IsNullOrWhiteSpace(ClientId);
}
