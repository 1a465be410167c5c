using Genie.Benchmarks.Harness;

namespace Genie.Benchmarks.Memory;

/// <summary>The "Memory" rows other areas add: the server's peak resident memory once the area's load has been through it.</summary>
public static class PeakMemory
{
    public const string Area = "Memory";

    /// <summary>Adds the peak (VmHWM) of <paramref name="server"/>, which <paramref name="area"/> started fresh and has finished with.</summary>
    public static void AddRow(BenchContext context, BenchServer server, string area) =>
        context.Results.Add(new BenchResult(Area, $"server peak RSS through the {area} area", ResultTable.Genie,
            Mebibytes(server.PeakResidentBytes()), "MiB", Better.Lower,
            Note: $"VmHWM of the server process, which the {area} area started for itself, after all its rounds"));

    public static double Mebibytes(long bytes) => bytes / 1024.0 / 1024.0;
}
