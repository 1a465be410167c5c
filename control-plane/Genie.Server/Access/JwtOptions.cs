namespace Genie.Server.Access;

/// <summary>Bearer tokens from an external issuer (`Genie:Auth:Jwt`); off until <see cref="Issuer"/> is set.</summary>
public sealed class JwtOptions
{
    /// <summary>The `iss` every token must carry.</summary>
    public string? Issuer { get; set; }

    /// <summary>The `aud` every token must carry.</summary>
    public string? Audience { get; set; }

    /// <summary>Where the issuer publishes its signing keys as a JWKS document (read and refreshed by IdentityModel).</summary>
    public string? JwksUrl { get; set; }

    /// <summary>Signing keys given directly: PEM public keys (RSA or EC) or `base64:` HMAC secrets.</summary>
    public List<string> SigningKeys { get; set; } = [];

    /// <summary>Whether <see cref="JwksUrl"/> must be https; off only for an issuer on the same machine.</summary>
    public bool RequireHttpsJwks { get; set; } = true;

    /// <summary>The claim naming the caller, recorded as the actor `jwt:{value}`.</summary>
    public string SubjectClaim { get; set; } = "sub";

    /// <summary>A claim whose values are grant texts (`operator:team-a`, `cluster-admin`).</summary>
    public string GrantsClaim { get; set; } = "genie_grants";

    /// <summary>A claim of group names, mapped to grants by <see cref="GroupGrants"/>.</summary>
    public string GroupsClaim { get; set; } = "groups";

    /// <summary>Grants per group name, e.g. `GroupGrants:platform-team:0 = cluster-admin`.</summary>
    public Dictionary<string, List<string>> GroupGrants { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Allowed clock difference between Genie and the issuer.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(1);

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Issuer);
}
