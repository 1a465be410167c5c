namespace Genie.Core.Specs.Binding;

/// <summary>Binds a <c>retry</c> block of the job or of a task.</summary>
internal static class RetryBinder
{
    private static readonly string[] Fields = ["limit", "backoff", "delay", "maxDelay"];

    /// <summary>The retry settings, or null when absent or empty.</summary>
    public static RetrySpec? Bind(FieldReader read, Field field)
    {
        var o = read.Object(field, Fields);
        if (o is null)
        {
            return null;
        }

        var limit = (int?)read.Integer(o["limit"], 0, RetrySpec.MaxLimit);
        var backoff = read.Word(o["backoff"], SpecVocabulary.Backoff);
        var delay = read.Duration(o["delay"]);
        var maxDelay = read.Duration(o["maxDelay"]);
        if (delay is { } d && maxDelay is { } m && m < d)
        {
            read.Error(o["maxDelay"], $"`{SpecDuration.Format(m)}` is shorter than delay `{SpecDuration.Format(d)}`");
        }

        if (maxDelay is not null && backoff == BackoffKind.Fixed)
        {
            read.Error(o["maxDelay"], "only applies to exponential backoff");
        }

        return limit is null && backoff is null && delay is null && maxDelay is null
            ? null
            : new RetrySpec(limit, backoff, delay, maxDelay);
    }
}
