using System.Runtime.CompilerServices;
using System.Security.Claims;
using Genie.Core.Access;

namespace Genie.Server.Access;

/// <summary>
/// How an authenticated caller is carried through a request: its actor as the principal's name, each grant as a claim.
/// Every scheme (API key, bearer token, Airflow listener) builds the same shape, so nothing downstream knows which.
/// </summary>
public static class CallerClaims
{
    public const string GrantType = "genie:grant";
    public const string ListenerType = "genie:airflow-listener";

    /// <summary>A principal for <paramref name="actor"/> holding <paramref name="grants"/>, authenticated by <paramref name="scheme"/>.</summary>
    public static ClaimsPrincipal Principal(string scheme, string actor, IEnumerable<Grant> grants, params Claim[] extra)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, actor) };
        claims.AddRange(grants.Select(g => new Claim(GrantType, g.ToString())));
        claims.AddRange(extra);
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>The actor changes are recorded against: the key or token subject, `anonymous` without credentials.</summary>
    public static string Actor(this ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : "anonymous";

    // A request asks for the grants several times (its policy, a refusal, the handler); the claims are read once per principal.
    private static readonly ConditionalWeakTable<ClaimsPrincipal, AccessGrants> Read = new();

    /// <summary>What the caller may do.</summary>
    public static AccessGrants Grants(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true
            ? Read.GetValue(user, principal => AccessGrants.FromTexts(principal.FindAll(GrantType).Select(c => c.Value)))
            : AccessGrants.None;
}
