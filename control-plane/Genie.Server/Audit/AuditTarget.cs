using Genie.Server.Api;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Genie.Server.Audit;

/// <summary>
/// What a call addressed, from its route: the pattern below the namespace, cut after its last route value and filled
/// in (`/namespaces/{ns}/jobs/{name}/runs` → `jobs/nightly`, `/namespaces/{ns}/runs/{id}/cancel` → `runs/&lt;id&gt;`).
/// A call on a collection names what it created through its `Location` (`secrets/db`), since the name is in the
/// body, which is never read. Values are cut short: a refused call may carry a hostile one of kilobytes.
/// </summary>
public static class AuditTarget
{
    /// <summary>The longest text kept from a route value or path.</summary>
    public const int MaxLength = 200;

    private const string NamespacePrefix = "/namespaces/{ns}";

    public static string? Of(RoutePattern? pattern, RouteValueDictionary values, string? location, PathString path)
    {
        if (pattern is null)
        {
            return Shorten(path.Value ?? "");
        }

        var relative = AuditActions.Relative(pattern);
        if (relative.StartsWith(NamespacePrefix, StringComparison.Ordinal))
        {
            relative = relative[NamespacePrefix.Length..];
        }

        var segments = relative.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var last = Array.FindLastIndex(segments, IsParameter);
        if (last >= 0)
        {
            return Shorten(string.Join('/', segments[..(last + 1)].Select(s => IsParameter(s) ? Value(s, values) : s)));
        }

        return Created(location, values) ?? (segments.Length > 0 ? string.Join('/', segments) : null);
    }

    /// <summary>The namespace route value, if the call has one.</summary>
    public static string? Namespace(RouteValueDictionary values) => values.TryGetValue("ns", out var ns) && ns is string text ? Shorten(text) : null;

    // A Location under the API names the created resource; under this namespace it is named relative to it.
    private static string? Created(string? location, RouteValueDictionary values)
    {
        if (location is null || !location.StartsWith(ApiRoutes.Root + "/", StringComparison.Ordinal))
        {
            return null;
        }

        var relative = location[ApiRoutes.Root.Length..];
        var ownNamespace = $"/namespaces/{Namespace(values)}/";
        return Shorten(relative.StartsWith(ownNamespace, StringComparison.Ordinal) ? relative[ownNamespace.Length..] : relative.TrimStart('/'));
    }

    private static bool IsParameter(string segment) => segment.StartsWith('{');

    private static string Value(string segment, RouteValueDictionary values)
    {
        var name = segment.Trim('{', '}', '?', '*').Split(':', '=')[0];
        return values.TryGetValue(name, out var value) ? value?.ToString() ?? "" : "";
    }

    public static string Shorten(string text) => text.Length <= MaxLength ? text : text[..MaxLength];
}
