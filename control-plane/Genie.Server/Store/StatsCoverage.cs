namespace Genie.Server.Store;

/// <summary>The time a `stats_*` table covers: its oldest window's start and newest window's end (null while it is empty).</summary>
public sealed record StatsCoverage(DateTimeOffset? OldestStart, DateTimeOffset? NewestEnd);
