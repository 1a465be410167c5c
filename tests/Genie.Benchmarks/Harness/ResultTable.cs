using System.Globalization;
using System.Text;

namespace Genie.Benchmarks.Harness;

/// <summary>Collects every benchmark's rows and renders them as one Markdown table, with ratios against Genie's row.</summary>
public sealed class ResultTable
{
    public const string Genie = "Genie";

    /// <summary>
    /// The subject of rows that time the benchmark's own setup code (such as its bulk loader) rather than Genie or a
    /// peer: they say how long preparing the data took, never how fast Genie is, and are compared with nothing.
    /// </summary>
    public const string Harness = "benchmark harness (not Genie)";
    private readonly List<BenchResult> _rows = [];

    public IReadOnlyList<BenchResult> Rows => _rows;

    public void Add(BenchResult row)
    {
        lock (_rows)
        {
            _rows.Add(row);
        }

        Console.Error.WriteLine($"  {row.Area} / {row.Metric} / {row.Subject}: {Format(row.Median)} {row.Unit}");
    }

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine("| Area | Metric | Subject | Median | Unit | vs Genie | Note |");
        text.AppendLine("|---|---|---|---:|---|---:|---|");
        foreach (var row in _rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Area} | {row.Metric} | {row.Subject} | {Format(row.Median)} | {row.Unit} | {Ratio(row)} | {row.Note} |");
        }

        return text.ToString();
    }

    /// <summary>How many times better (>1) or worse (<1) this row is than Genie's row of the same comparison.</summary>
    private string Ratio(BenchResult row)
    {
        if (row.Comparison is null || row.Subject == Genie)
        {
            return "";
        }

        var genie = _rows.FirstOrDefault(r => r.Comparison == row.Comparison && r.Subject == Genie);
        if (genie is null || genie.Median == 0 || row.Median == 0)
        {
            return "";
        }

        var ratio = row.Better == Better.Higher ? row.Median / genie.Median : genie.Median / row.Median;
        return string.Create(CultureInfo.InvariantCulture, $"{ratio:0.00}×");
    }

    private static string Format(double value) => value switch
    {
        >= 100 => value.ToString("#,0", CultureInfo.InvariantCulture),
        >= 1 => value.ToString("0.0#", CultureInfo.InvariantCulture),
        _ => value.ToString("0.###", CultureInfo.InvariantCulture),
    };
}
