namespace Genie.Portal.Shared;

/// <summary>A filter field as a query value: trimmed, or null (left out of the query) when nothing was typed.</summary>
public static class FilterText
{
    public static string? OrNull(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
