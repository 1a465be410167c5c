namespace Genie.Server.Executors.Airflow.Client;

/// <summary>An access token and when to stop using it; no renewal time means "until Airflow rejects it".</summary>
internal sealed record CachedToken(string Value, DateTimeOffset? RenewAt)
{
    /// <summary>
    /// Renew a little before `exp` so a request never leaves with a token that expires in flight; the margin is a
    /// tenth of the lifetime, at most a minute, so short-lived tokens are still used.
    /// </summary>
    public static CachedToken Issued(string value, DateTimeOffset now)
    {
        var expires = JwtExpiry.Read(value);
        if (expires is null)
        {
            return new CachedToken(value, null);
        }

        var lifetime = expires.Value - now;
        var margin = lifetime <= TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(1).Ticks, lifetime.Ticks / 10));
        return new CachedToken(value, expires.Value - margin);
    }

    public bool IsUsableAt(DateTimeOffset now) => RenewAt is null || now < RenewAt.Value;
}
