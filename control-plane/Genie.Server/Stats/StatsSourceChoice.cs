using Genie.Client.Contracts;
using Genie.Server.Store;
using Microsoft.Extensions.Options;

namespace Genie.Server.Stats;

/// <summary>
/// Picks the source of a figure: the Flink-fed table when it covers the range (its oldest window starts at or before
/// `from`) and is fresh (its newest window ends within <see cref="StatsOptions.FreshFor"/> of the range's end, or of now
/// when the range ends later); otherwise SQL over Genie's own tables. A pipeline that stopped, or has not run long
/// enough, thus never hides runs, and a quiet one (windows are written only when something happens) costs SQL only.
/// </summary>
public sealed class StatsSourceChoice(StatsStore store, IOptionsMonitor<StatsOptions> options, TimeProvider time)
{
    /// <summary>True when <paramref name="table"/> answers for <paramref name="filter"/>'s range.</summary>
    public async Task<bool> UseFlinkAsync(StatsTable table, StatsFilter filter, CancellationToken cancellationToken)
    {
        var coverage = await store.CoverageAsync(table, cancellationToken);
        var end = filter.To < time.GetUtcNow() ? filter.To : time.GetUtcNow();
        return coverage.OldestStart <= filter.From && coverage.NewestEnd >= end - options.CurrentValue.FreshFor;
    }

    public static string Name(bool flink) => flink ? StatsSource.Flink : StatsSource.Sql;
}
