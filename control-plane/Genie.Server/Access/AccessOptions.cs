namespace Genie.Server.Access;

/// <summary>How callers prove who they are (`Genie:Auth`): API keys always, bearer tokens when an issuer is configured.</summary>
public sealed class AccessOptions
{
    public const string Section = "Genie:Auth";

    /// <summary>
    /// A cluster-admin key to use instead of a generated one: created at start when no key with its prefix exists.
    /// Generate one with `openssl`-grade randomness in the `genie_{8 of a-z0-9}_{43 of base64url}` shape, or let
    /// Genie print one on the first start.
    /// </summary>
    public string? BootstrapKey { get; set; }

    /// <summary>How long a checked API key is trusted before it is read again; a revocation reaches other replicas within it.</summary>
    public TimeSpan KeyCacheTime { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether `/metrics` answers without a credential (Prometheus scrapes carry none); false keeps it for cluster admins.</summary>
    public bool OpenMetrics { get; set; } = true;

    public JwtOptions Jwt { get; set; } = new();
}
