using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;

namespace Genie.Server.Tests.Executors.Airflow;

/// <summary>
/// Access tokens of the fake Airflow: JWT-shaped (header.payload.signature, with `sub`, `iat` and `exp`) so a client
/// can read their expiry, though nothing checks the signature. A token stops working at its `exp`, after a set number
/// of uses, or when all tokens are expired at once; Airflow then answers 401 "Token Expired". Not thread-safe:
/// FakeAirflow's lock guards it.
/// </summary>
internal sealed class FakeTokens
{
    private readonly Dictionary<string, (DateTimeOffset Expires, int Uses)> _issued = new(StringComparer.Ordinal);

    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Null: unlimited. Otherwise each token is accepted this many times, then answered with 401.</summary>
    public int? UsesPerToken { get; set; }

    public int Issued => _issued.Count;

    public string Issue(string user, DateTimeOffset now)
    {
        var expires = now + Lifetime;
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["sub"] = user,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = expires.ToUnixTimeSeconds(),
            ["jti"] = Guid.NewGuid().ToString("N"),
        });
        var token = string.Join('.',
            Base64Url.EncodeToString("""{"alg":"HS512","typ":"JWT"}"""u8),
            Base64Url.EncodeToString(payload),
            Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)));
        _issued[token] = (expires, 0);
        return token;
    }

    public FakeTokenCheck Use(string? authorization, DateTimeOffset now)
    {
        const string scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return FakeTokenCheck.Missing;
        }

        var token = authorization[scheme.Length..].Trim();
        if (!_issued.TryGetValue(token, out var entry))
        {
            return FakeTokenCheck.Invalid;
        }

        if (now >= entry.Expires || (UsesPerToken is { } limit && entry.Uses >= limit))
        {
            return FakeTokenCheck.Expired;
        }

        _issued[token] = entry with { Uses = entry.Uses + 1 };
        return FakeTokenCheck.Valid;
    }

    public void ExpireAll(DateTimeOffset now)
    {
        foreach (var token in _issued.Keys.ToList())
        {
            _issued[token] = _issued[token] with { Expires = now };
        }
    }
}
