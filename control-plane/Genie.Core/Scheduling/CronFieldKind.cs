namespace Genie.Core.Scheduling;

/// <summary>The five fields of a standard cron expression, in order, with their value ranges and names.</summary>
public sealed record CronFieldKind(string Name, int Min, int Max, IReadOnlyList<string> ValueNames)
{
    /// <summary>Minute, 0-59.</summary>
    public static CronFieldKind Minute { get; } = new("minute", 0, 59, []);

    /// <summary>Hour, 0-23.</summary>
    public static CronFieldKind Hour { get; } = new("hour", 0, 23, []);

    /// <summary>Day of month, 1-31.</summary>
    public static CronFieldKind DayOfMonth { get; } = new("day-of-month", 1, 31, []);

    /// <summary>Month, 1-12 or JAN-DEC.</summary>
    public static CronFieldKind Month { get; } = new("month", 1, 12,
        ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]);

    /// <summary>Day of week, 0-7 (0 and 7 are Sunday) or SUN-SAT.</summary>
    public static CronFieldKind DayOfWeek { get; } = new("day-of-week", 0, 7, ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]);

    /// <summary>The fields in expression order.</summary>
    public static IReadOnlyList<CronFieldKind> All { get; } = [Minute, Hour, DayOfMonth, Month, DayOfWeek];

    /// <summary>The range as users write it, e.g. <c>0-59</c> or <c>1-12 or JAN-DEC</c>.</summary>
    public string RangeText => ValueNames.Count == 0
        ? $"{Min}-{Max}"
        : $"{Min}-{Max} or {ValueNames[0]}-{ValueNames[^1]}";

    /// <summary>The value of a name (<c>JAN</c> is 1, <c>SUN</c> is 0), or null when it is not one of this field's names.</summary>
    internal int? ValueOfName(string name)
    {
        for (var i = 0; i < ValueNames.Count; i++)
        {
            if (string.Equals(ValueNames[i], name, StringComparison.OrdinalIgnoreCase))
            {
                // Months are numbered from 1, days of the week from 0.
                return Min == 1 ? i + 1 : i;
            }
        }

        return null;
    }
}
