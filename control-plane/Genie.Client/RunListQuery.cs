using System.Globalization;

namespace Genie.Client;

/// <summary>Filters and paging of a run listing; null fields are left out of the query string.</summary>
public sealed record RunListQuery(
    string? Job = null, string? State = null, DateTimeOffset? Since = null, DateTimeOffset? Until = null, int? Limit = null, string? Cursor = null)
{
    internal string ToQueryString()
    {
        var pairs = new List<string>();
        void Add(string key, string? value)
        {
            if (value is not null)
            {
                pairs.Add($"{key}={Uri.EscapeDataString(value)}");
            }
        }

        Add("job", Job);
        Add("state", State);
        Add("since", Since?.ToString("O", CultureInfo.InvariantCulture));
        Add("until", Until?.ToString("O", CultureInfo.InvariantCulture));
        Add("limit", Limit?.ToString(CultureInfo.InvariantCulture));
        Add("cursor", Cursor);
        return pairs.Count == 0 ? "" : "?" + string.Join('&', pairs);
    }
}
