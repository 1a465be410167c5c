using System.Globalization;
using System.Text;

namespace Genie.Core.Specs;

/// <summary>
/// Go/Kubernetes style durations: one or more number+unit pairs with units ms, s, m and h, decimals
/// allowed (<c>90s</c>, <c>1.5h</c>, <c>1h30m</c>). Durations are whole milliseconds, greater than zero and
/// at most <see cref="Max"/>.
/// </summary>
public static class SpecDuration
{
    /// <summary>The longest duration a spec may state.</summary>
    public static readonly TimeSpan Max = TimeSpan.FromDays(30);

    /// <summary>The hint shown when a duration is rejected.</summary>
    public const string Rule = "use Go style like 90s, 10m, 2h or 1h30m";

    private static readonly (string Unit, decimal Milliseconds)[] Units =
        [("ms", 1m), ("s", 1_000m), ("m", 60_000m), ("h", 3_600_000m)];

    /// <summary>Parses a duration; on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(string text, out TimeSpan duration, out string? error)
    {
        duration = TimeSpan.Zero;
        error = null;
        var milliseconds = 0m;
        var i = 0;
        while (i < text.Length)
        {
            var numberStart = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
            {
                i++;
            }

            var unitStart = i;
            while (i < text.Length && char.IsAsciiLetter(text[i]))
            {
                i++;
            }

            var number = text[numberStart..unitStart];
            var unit = text[unitStart..i];
            if (!TryNumber(number, out var amount) || !TryUnit(unit, out var scale) || (i == numberStart))
            {
                error = text.StartsWith('-')
                    ? $"`{QuotedText.Of(text)}` must not be negative"
                    : $"`{QuotedText.Of(text)}` is not a duration: {Rule}";
                return false;
            }

            milliseconds += amount * scale;
            if (milliseconds > (decimal)Max.TotalMilliseconds)
            {
                error = $"`{QuotedText.Of(text)}` is too long: at most {Format(Max)} ({Max.TotalDays:0} days)";
                return false;
            }
        }

        if (text.Length == 0)
        {
            error = $"an empty string is not a duration: {Rule}";
            return false;
        }

        if (milliseconds != decimal.Truncate(milliseconds))
        {
            error = $"`{QuotedText.Of(text)}` is finer than a millisecond";
            return false;
        }

        if (milliseconds == 0)
        {
            error = $"`{QuotedText.Of(text)}` must be greater than zero";
            return false;
        }

        duration = TimeSpan.FromMilliseconds((double)milliseconds);
        return true;
    }

    /// <summary>
    /// The canonical text of a duration, as Go prints it: <c>1h30m0s</c>, <c>1m30s</c>, <c>1.5s</c>, <c>500ms</c>.
    /// Parsing the result gives the same duration back.
    /// </summary>
    public static string Format(TimeSpan duration)
    {
        var totalMs = (long)Math.Round(duration.TotalMilliseconds);
        if (totalMs < 1_000)
        {
            return totalMs.ToString(CultureInfo.InvariantCulture) + "ms";
        }

        var hours = totalMs / 3_600_000;
        var minutes = totalMs / 60_000 % 60;
        var seconds = totalMs % 60_000 / 1_000m;
        var builder = new StringBuilder();
        if (hours > 0)
        {
            builder.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
        }

        if (hours > 0 || minutes > 0)
        {
            builder.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
        }

        return builder.Append(seconds.ToString("0.###", CultureInfo.InvariantCulture)).Append('s').ToString();
    }

    private static bool TryNumber(string number, out decimal amount)
    {
        amount = 0;
        var digits = number.Count(char.IsAsciiDigit);
        return digits is > 0 and <= 18
            && number.Count(c => c == '.') <= 1
            && decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out amount);
    }

    private static bool TryUnit(string unit, out decimal milliseconds)
    {
        foreach (var (name, scale) in Units)
        {
            if (unit == name)
            {
                milliseconds = scale;
                return true;
            }
        }

        milliseconds = 0;
        return false;
    }
}
