using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Genie.Server.Api;

/// <summary>Opaque keyset cursors: the sort key of the last item of a page, base64url-encoded.</summary>
public static class PageCursor
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static string Encode(params string[] parts) =>
        WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(string.Join('\n', parts)));

    /// <summary>Decodes a cursor made by <see cref="Encode"/> with the same number of parts.</summary>
    public static bool TryDecode(string? cursor, int partCount, out string[] parts)
    {
        parts = [];
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }

        try
        {
            parts = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(cursor)).Split('\n');
            return parts.Length == partCount;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Reads the `limit` query value: absent means the default; anything but 1..MaxLimit is an error.</summary>
    public static bool TryReadLimit(string? text, out int limit)
    {
        limit = DefaultLimit;
        return string.IsNullOrEmpty(text) || (int.TryParse(text, out limit) && limit is >= 1 and <= MaxLimit);
    }

    public const string LimitRule = "must be a whole number from 1 to 500";
}
