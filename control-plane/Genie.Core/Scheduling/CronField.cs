using System.Globalization;

namespace Genie.Core.Scheduling;

/// <summary>
/// One parsed field of a cron expression: its normalised text (names upper-cased) and the set of values it
/// selects. Day-of-week values are 0-6 with Sunday as 0, whether it was written 0, 7 or SUN.
/// </summary>
public sealed class CronField
{
    private readonly bool[] _selected;

    private CronField(CronFieldKind kind, string text, bool[] selected)
    {
        Kind = kind;
        Text = text;
        _selected = selected;
        Values = Enumerable.Range(0, selected.Length).Where(v => selected[v]).ToArray();
        IsAll = Enumerable.Range(kind.Min, EffectiveMax(kind) - kind.Min + 1).All(v => selected[v]);
    }

    /// <summary>Which field this is.</summary>
    public CronFieldKind Kind { get; }

    /// <summary>The field as written, with month and day names upper-cased.</summary>
    public string Text { get; }

    /// <summary>The selected values in ascending order.</summary>
    public IReadOnlyList<int> Values { get; }

    /// <summary>Whether every value of the field is selected (<c>*</c>, or a list or range that covers everything).</summary>
    public bool IsAll { get; }

    /// <summary>Whether <paramref name="value"/> is selected.</summary>
    public bool Contains(int value) => value >= 0 && value < _selected.Length && _selected[value];

    /// <inheritdoc />
    public override string ToString() => Text;

    /// <summary>Parses one field; on failure <paramref name="error"/> names the field and the bad part.</summary>
    internal static CronField? Parse(CronFieldKind kind, string text, out string? error)
    {
        error = null;
        var selected = new bool[kind.Max + 1];
        foreach (var item in text.Split(','))
        {
            error = ParseItem(kind, item, selected);
            if (error is not null)
            {
                error = $"{kind.Name} field `{text}`: {error}";
                return null;
            }
        }

        if (kind == CronFieldKind.DayOfWeek && selected[7])
        {
            selected[7] = false;
            selected[0] = true;
        }

        return new CronField(kind, text.ToUpperInvariant(), selected);
    }

    // The day-of-week field accepts 7 as a second Sunday, folded into 0 after parsing.
    private static int EffectiveMax(CronFieldKind kind) => kind == CronFieldKind.DayOfWeek ? 6 : kind.Max;

    private static string? ParseItem(CronFieldKind kind, string item, bool[] selected)
    {
        if (item.Length == 0)
        {
            return "empty list item";
        }

        var slash = item.IndexOf('/');
        var rangeText = slash < 0 ? item : item[..slash];
        var step = 1;
        if (slash >= 0)
        {
            var stepText = item[(slash + 1)..];
            var maxStep = EffectiveMax(kind) - kind.Min;
            if (!TryNumber(stepText, out step) || step < 1 || step > maxStep)
            {
                return $"step `{stepText}` must be a number from 1 to {maxStep}";
            }

            if (rangeText != "*" && !rangeText.Contains('-'))
            {
                return $"a step needs `*` or a range before it, e.g. `*/{stepText}` or `{rangeText}-{kind.Max}/{stepText}`";
            }
        }

        int low;
        int high;
        if (rangeText == "*")
        {
            (low, high) = (kind.Min, EffectiveMax(kind));
        }
        else
        {
            var dash = rangeText.IndexOf('-');
            var lowText = dash < 0 ? rangeText : rangeText[..dash];
            var highText = dash < 0 ? rangeText : rangeText[(dash + 1)..];
            var lowProblem = Value(kind, lowText, out low);
            var highProblem = Value(kind, highText, out high);
            if ((lowProblem ?? highProblem) is { } problem)
            {
                return problem;
            }

            if (low > high)
            {
                return $"range `{rangeText}` runs backwards";
            }
        }

        for (var v = low; v <= high; v += step)
        {
            selected[v] = true;
        }

        return null;
    }

    private static string? Value(CronFieldKind kind, string text, out int value)
    {
        if (kind.ValueOfName(text) is { } named)
        {
            value = named;
            return null;
        }

        if (!TryNumber(text, out value))
        {
            var names = kind.ValueNames.Count == 0 ? "" : $" or a name {kind.ValueNames[0]}-{kind.ValueNames[^1]}";
            return $"`{text}` is not a number{names}";
        }

        return value < kind.Min || value > kind.Max ? $"`{text}` is out of range {kind.RangeText}" : null;
    }

    private static bool TryNumber(string text, out int value)
    {
        value = 0;
        return text.Length is > 0 and <= 4
            && text.All(char.IsAsciiDigit)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
