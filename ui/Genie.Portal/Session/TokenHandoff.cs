using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Genie.Portal.Session;

/// <summary>
/// Carries an access token from the sign-in callback (a plain HTTP request) to the browser tab's circuit without it
/// leaving the portal: the callback leaves the token here under a random one-time code and sends the browser to the
/// sign-in page with the code; the circuit redeems it once, within <see cref="Lifetime"/>. The token is never in a
/// cookie, a URL or the browser.
/// </summary>
public sealed class TokenHandoff(TimeProvider time)
{
    /// <summary>How long a code waits for its circuit: the redirect and the page's start.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset Expires)> _waiting = new(StringComparer.Ordinal);

    /// <summary>Leaves <paramref name="token"/> for one redemption and returns its code.</summary>
    public string Leave(string token)
    {
        var now = time.GetUtcNow();
        foreach (var stale in _waiting.Where(w => w.Value.Expires <= now))
        {
            _waiting.TryRemove(stale);
        }

        var code = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        _waiting[code] = (token, now + Lifetime);
        return code;
    }

    /// <summary>The token left under <paramref name="code"/>, once; null for an unknown, used or expired code.</summary>
    public string? Redeem(string code) =>
        _waiting.TryRemove(code, out var waiting) && waiting.Expires > time.GetUtcNow() ? waiting.Token : null;
}
