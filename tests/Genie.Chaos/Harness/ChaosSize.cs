using System.Globalization;

namespace Genie.Chaos.Harness;

/// <summary>
/// How hard a scenario pushes (a fault that lasts, such as a stopped database, lasts <see cref="Outage"/>): `GENIE_CHAOS_SIZE=full` (`make chaos`) or small (the default, so `make test` stays within minutes).
/// </summary>
public sealed record ChaosSize(string Name, TimeSpan Load, double TriggersPerSecond, int Faults, TimeSpan Outage, TimeSpan Settle)
{
    public static ChaosSize Small { get; } = new("small", TimeSpan.FromSeconds(6), 6, 2, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(90));

    public static ChaosSize Full { get; } = new("full", TimeSpan.FromSeconds(60), 10, 5, TimeSpan.FromSeconds(8), TimeSpan.FromMinutes(5));

    public static ChaosSize Current { get; } =
        Environment.GetEnvironmentVariable("GENIE_CHAOS_SIZE")?.ToLowerInvariant() switch
        {
            null or "" or "small" => Small,
            "full" => Full,
            var other => throw new InvalidOperationException($"GENIE_CHAOS_SIZE must be `small` or `full`, not `{other}`"),
        };

    /// <summary>When fault number <paramref name="index"/> (0-based) of <see cref="Faults"/> strikes, spread over the load.</summary>
    public TimeSpan FaultAt(int index) => Load * (index + 1) / (Faults + 1);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Name}: {Load.TotalSeconds:0} s of load at {TriggersPerSecond} triggers/s, {Faults} faults");
}
