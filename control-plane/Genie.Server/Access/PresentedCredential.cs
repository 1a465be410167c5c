using System.Text;
using Microsoft.Net.Http.Headers;

namespace Genie.Server.Access;

/// <summary>
/// The credential a request carries: `Authorization: Bearer {token}`, or `Basic` whose password is the token (what a
/// browser sends for the Hangfire dashboard after its sign-in prompt; the user name is ignored).
/// </summary>
public static class PresentedCredential
{
    public static string? Of(HttpRequest request)
    {
        var header = request.Headers[HeaderNames.Authorization].ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }

        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            var colon = decoded.IndexOf(':');
            return colon < 0 ? null : decoded[(colon + 1)..];
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
