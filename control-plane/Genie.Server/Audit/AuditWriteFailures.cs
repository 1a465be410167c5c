using System.Diagnostics.Metrics;

namespace Genie.Server.Audit;

/// <summary>Counts audit rows that could not be written, as the `genie.audit.write_failures` metric of the `Genie.Audit` meter.</summary>
public sealed class AuditWriteFailures
{
    public const string MeterName = "Genie.Audit";
    public const string InstrumentName = "genie.audit.write_failures";

    private readonly Counter<long> _counter;

    public AuditWriteFailures(IMeterFactory meters)
    {
        _counter = meters.Create(MeterName).CreateCounter<long>(InstrumentName, unit: "{row}",
            description: "Audit rows lost because their insert failed; the calls themselves were answered");
    }

    public void Add() => _counter.Add(1);
}
