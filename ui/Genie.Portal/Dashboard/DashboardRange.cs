namespace Genie.Portal.Dashboard;

/// <summary>A time range the dashboard offers, with a bucket that gives its chart a readable number of bars.</summary>
public sealed record DashboardRange(string Label, TimeSpan Span, string Bucket, string AxisFormat)
{
    public static IReadOnlyList<DashboardRange> All { get; } =
    [
        new("Last hour", TimeSpan.FromHours(1), "5m", "HH:mm"),
        new("Last 24 hours", TimeSpan.FromHours(24), "1h", "HH:mm"),
        new("Last 7 days", TimeSpan.FromDays(7), "6h", "MMM d HH:mm"),
    ];

    public static DashboardRange Default => All[1];
}
