namespace Genie.Core.Scheduling;

/// <summary>
/// A standard 5-field cron expression (minute hour day-of-month month day-of-week) or a macro such as
/// <c>@daily</c>, validated here with errors that name the field. Either day-of-month or day-of-week may be
/// restricted, not both: classic cron fires when either matches, which cron libraries do not agree on, so such
/// expressions are rejected rather than risk changing meaning. When it fires is Cronos's to say (the library
/// Hangfire fires with), given the normalised <see cref="Expression"/>.
/// </summary>
public sealed class CronSchedule : IEquatable<CronSchedule>
{
    private static readonly Dictionary<string, string> Macros = new(StringComparer.OrdinalIgnoreCase)
    {
        ["@yearly"] = "0 0 1 1 *",
        ["@annually"] = "0 0 1 1 *",
        ["@monthly"] = "0 0 1 * *",
        ["@weekly"] = "0 0 * * 0",
        ["@daily"] = "0 0 * * *",
        ["@midnight"] = "0 0 * * *",
        ["@hourly"] = "0 * * * *",
    };

    // The most days each month can have, so a day-of-month no selected month reaches is caught.
    private static readonly int[] DaysInMonth = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

    private CronSchedule(string expression, IReadOnlyList<CronField> fields)
    {
        Expression = expression;
        Minute = fields[0];
        Hour = fields[1];
        DayOfMonth = fields[2];
        Month = fields[3];
        DayOfWeek = fields[4];
    }

    /// <summary>
    /// The normalised expression: a lower-case macro, or the five fields separated by single spaces with
    /// names upper-cased. Equal schedules written differently in those respects have equal expressions.
    /// </summary>
    public string Expression { get; }

    /// <summary>The minute field.</summary>
    public CronField Minute { get; }

    /// <summary>The hour field.</summary>
    public CronField Hour { get; }

    /// <summary>The day-of-month field.</summary>
    public CronField DayOfMonth { get; }

    /// <summary>The month field.</summary>
    public CronField Month { get; }

    /// <summary>The day-of-week field (Sunday is 0).</summary>
    public CronField DayOfWeek { get; }

    /// <summary>Parses and validates an expression; on failure <paramref name="error"/> says which field is wrong and why.</summary>
    public static bool TryParse(string text, out CronSchedule? schedule, out string? error)
    {
        schedule = null;
        var trimmed = text.Trim();
        var isMacro = trimmed.StartsWith('@');
        if (isMacro && !Macros.ContainsKey(trimmed))
        {
            error = $"`{trimmed}` is not a supported macro: use @yearly, @annually, @monthly, @weekly, @daily, @midnight or @hourly";
            return false;
        }

        var parts = (isMacro ? Macros[trimmed] : trimmed).Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != CronFieldKind.All.Count)
        {
            var seconds = parts.Length is 6 or 7 ? "; seconds and years are not supported" : "";
            error = $"`{trimmed}` has {parts.Length} fields; cron needs 5: minute hour day-of-month month day-of-week{seconds}";
            return false;
        }

        var fields = new List<CronField>(parts.Length);
        for (var i = 0; i < parts.Length; i++)
        {
            var field = CronField.Parse(CronFieldKind.All[i], parts[i], out error);
            if (field is null)
            {
                return false;
            }

            fields.Add(field);
        }

        error = Contradiction(fields[2], fields[3], fields[4]);
        if (error is not null)
        {
            return false;
        }

        var expression = isMacro ? trimmed.ToLowerInvariant() : string.Join(' ', fields.Select(f => f.Text));
        schedule = new CronSchedule(expression, fields);
        return true;
    }

    /// <summary>Parses an expression, throwing <see cref="FormatException"/> when it is not valid.</summary>
    public static CronSchedule Parse(string text) =>
        TryParse(text, out var schedule, out var error) ? schedule! : throw new FormatException(error);

    /// <inheritdoc />
    public bool Equals(CronSchedule? other) => other is not null && other.Expression == Expression;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as CronSchedule);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Expression);

    /// <inheritdoc />
    public override string ToString() => Expression;

    private static string? Contradiction(CronField dayOfMonth, CronField month, CronField dayOfWeek)
    {
        if (!dayOfMonth.IsAll && !dayOfWeek.IsAll)
        {
            return $"day-of-month `{dayOfMonth.Text}` and day-of-week `{dayOfWeek.Text}` are both restricted; " +
                   "cron would fire when either matches, which is rarely meant and not supported: set one of them to *";
        }

        var reachable = month.Values.Max(m => DaysInMonth[m]);
        return dayOfMonth.Values.Min() > reachable
            ? $"day-of-month `{dayOfMonth.Text}` never occurs in month `{month.Text}`"
            : null;
    }
}
