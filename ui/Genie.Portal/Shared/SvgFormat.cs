using System.Globalization;

namespace Genie.Portal.Shared;

/// <summary>How the portal's SVG drawings write numbers and fit names into fixed-width boxes.</summary>
public static class SvgFormat
{
    /// <summary>A coordinate as SVG wants it: invariant culture (a German server would write `1,5`), one decimal at most.</summary>
    public static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary><paramref name="text"/> cut to <paramref name="max"/> characters with an ellipsis; the full text goes in a tooltip.</summary>
    public static string Fit(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
