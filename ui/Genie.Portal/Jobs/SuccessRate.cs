using System.Globalization;

namespace Genie.Portal.Jobs;

/// <summary>How a share of successful runs reads: a whole percentage (`95%`), `—` when nothing finished.</summary>
public static class SuccessRate
{
    public static string Percent(int succeeded, int finished) =>
        finished == 0 ? "—" : ((double)succeeded / finished).ToString("P0", CultureInfo.InvariantCulture).Replace(" ", "", StringComparison.Ordinal);
}
