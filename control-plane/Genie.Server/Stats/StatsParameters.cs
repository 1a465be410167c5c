using System.Globalization;
using Genie.Client.Contracts;
using Genie.Core.Access;
using Genie.Core.Specs;
using Genie.Server.Api;
using Genie.Server.Store;
using Microsoft.AspNetCore.Mvc;

namespace Genie.Server.Stats;

/// <summary>
/// The query of every stats figure: `namespace`, `job`, `from` (inclusive) and `to` (exclusive, RFC 3339; default the
/// last <see cref="DefaultRange"/> up to now), `bucket` (a Go style duration of whole minutes; default the smallest of
/// <see cref="BucketSteps"/> giving at most <see cref="DefaultBuckets"/>) and `limit` (rows of a list).
/// </summary>
public sealed record StatsParameters(
    [property: FromQuery(Name = "namespace")] string? Namespace,
    [property: FromQuery(Name = "job")] string? Job,
    [property: FromQuery(Name = "from")] string? From,
    [property: FromQuery(Name = "to")] string? To,
    [property: FromQuery(Name = "bucket")] string? Bucket,
    [property: FromQuery(Name = "limit")] string? Limit)
{
    public static readonly TimeSpan DefaultRange = TimeSpan.FromHours(24);
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(31);
    public const int DefaultBuckets = 100;
    public const int MaxBuckets = 1440;
    public const int DefaultLimit = 10;
    public const int MaxLimit = 100;

    /// <summary>Bucket sizes people read easily; the default bucket is the first that keeps a range to <see cref="DefaultBuckets"/>.</summary>
    public static readonly TimeSpan[] BucketSteps =
        [.. new[] { 1, 5, 15, 30, 60, 180, 360, 720, 1440 }.Select(m => TimeSpan.FromMinutes(m))];

    /// <summary>The filter these parameters ask for, limited to what <paramref name="grants"/> show; or every error, each at its path.</summary>
    public (StatsFilter? Filter, IReadOnlyList<FieldError> Errors) Read(AccessGrants grants, DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        CheckName(Namespace, "query.namespace", errors);
        CheckName(Job, "query.job", errors);
        var from = Rfc3339Time.Read(From, "query.from", errors);
        var to = Rfc3339Time.Read(To, "query.to", errors);
        if (errors.Count == 0)
        {
            // PostgreSQL keeps microseconds: bucket starts computed there must equal the ones counted here.
            to = Microseconds(to ?? now);
            from = Microseconds(from ?? to.Value - DefaultRange);
            if (from >= to)
            {
                errors.Add(new FieldError("query.to", "must be after `from`"));
            }
            else if (to - from > MaxRange)
            {
                errors.Add(new FieldError("query.from", $"the range from `from` to `to` may span at most {MaxRange.TotalDays:0} days"));
            }
        }

        var bucket = ReadBucket(errors, from, to);
        var limit = DefaultLimit;
        if (Limit is not null && !(int.TryParse(Limit, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= MaxLimit))
        {
            errors.Add(new FieldError("query.limit", $"must be a whole number from 1 to {MaxLimit}"));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        // A namespace the caller may not see gives nothing, as if it held nothing: the answer must not tell it exists.
        var visible = grants.Namespaces()?.ToArray();
        return (new StatsFilter(Namespace, Job, from!.Value, to!.Value, visible, bucket, limit), errors);
    }

    private TimeSpan ReadBucket(List<FieldError> errors, DateTimeOffset? from, DateTimeOffset? to)
    {
        var range = errors.Count == 0 ? to!.Value - from!.Value : DefaultRange;
        if (Bucket is null)
        {
            return BucketSteps.FirstOrDefault(step => range / step <= DefaultBuckets, BucketSteps[^1]);
        }

        if (!SpecDuration.TryParse(Bucket, out var bucket, out var error))
        {
            errors.Add(new FieldError("query.bucket", error!));
        }
        else if (bucket < TimeSpan.FromMinutes(1) || bucket.Ticks % TimeSpan.TicksPerMinute != 0)
        {
            errors.Add(new FieldError("query.bucket", "must be whole minutes (the Flink windows are one minute long), such as 1m, 15m or 1h"));
        }
        else if (Math.Ceiling(range / bucket) > MaxBuckets)
        {
            errors.Add(new FieldError("query.bucket", $"gives more than {MaxBuckets} buckets over the range; choose a larger one"));
        }

        return bucket;
    }

    private static DateTimeOffset Microseconds(DateTimeOffset time) => time.AddTicks(-(time.Ticks % 10));

    private static void CheckName(string? value, string path, List<FieldError> errors)
    {
        if (value is not null && !SpecNames.IsDns1123Label(value))
        {
            errors.Add(new FieldError(path, "must be a DNS-1123 label"));
        }
    }
}
