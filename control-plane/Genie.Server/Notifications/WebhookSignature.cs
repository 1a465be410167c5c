using System.Security.Cryptography;
using System.Text;

namespace Genie.Server.Notifications;

/// <summary>
/// The `Genie-Signature` header: `t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "t.body"&gt;` keyed with the webhook's secret.
/// Signing the timestamp with the body lets a receiver refuse a replayed delivery by its age.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "Genie-Signature";
    public const string DeliveryHeader = "Genie-Delivery";

    public static string Of(string secret, DateTimeOffset signedAt, string body)
    {
        var timestamp = signedAt.ToUnixTimeSeconds();
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return $"t={timestamp},v1={Convert.ToHexStringLower(mac)}";
    }
}
