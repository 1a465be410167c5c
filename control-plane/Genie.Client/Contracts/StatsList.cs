namespace Genie.Client.Contracts;

/// <summary>A stats figure made of rows (failures, slowest jobs, ...) over [<see cref="From"/>, <see cref="To"/>), and its <see cref="StatsSource"/>.</summary>
public sealed record StatsList<T>(string Source, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<T> Items);
