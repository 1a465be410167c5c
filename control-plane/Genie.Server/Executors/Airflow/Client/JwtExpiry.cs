using System.Buffers.Text;
using System.Text.Json;

namespace Genie.Server.Executors.Airflow.Client;

/// <summary>
/// Reads the `exp` claim of a JWT without validating it: Genie only needs to know when to log in again, and the
/// token's signature is Airflow's business. A token that is not a JWT, or has no `exp`, has no known expiry.
/// </summary>
internal static class JwtExpiry
{
    public static DateTimeOffset? Read(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3 || !Base64Url.IsValid(parts[1]))
        {
            return null;
        }

        try
        {
            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            return payload.RootElement.ValueKind == JsonValueKind.Object &&
                   payload.RootElement.TryGetProperty("exp", out var exp) &&
                   exp.ValueKind == JsonValueKind.Number
                ? DateTimeOffset.FromUnixTimeMilliseconds((long)(exp.GetDouble() * 1000))
                : null;
        }
        catch (Exception e) when (e is JsonException or ArgumentOutOfRangeException or OverflowException)
        {
            return null;
        }
    }
}
