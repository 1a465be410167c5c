using MudBlazor;

namespace Genie.Portal.Shared;

/// <summary>The one colour of each run, task and attempt state, for chips, graph nodes and timeline bars alike.</summary>
public static class StateColor
{
    public static Color Of(string state) => state switch
    {
        "succeeded" => Color.Success,
        "failed" or "upstream_failed" => Color.Error,
        "running" or "retrying" => Color.Info,
        "queued" or "pending" => Color.Default,
        "suspended" => Color.Warning,
        "cancelled" or "skipped" => Color.Secondary,
        _ => Color.Default,
    };

    /// <summary>The theme's CSS variable for the state's colour, so SVG drawings follow light and dark mode.</summary>
    public static string Css(string state) => Of(state) switch
    {
        Color.Default => "var(--mud-palette-text-secondary)",
        var color => $"var(--mud-palette-{color.ToString().ToLowerInvariant()})",
    };
}
