using System.Text.Json;
using Genie.Client.Contracts;
using Genie.Core.Specs;

namespace Genie.Server.Runs;

/// <summary>
/// The checks a trigger request gets before it reaches <see cref="RunTrigger"/>, shared by the REST and gRPC APIs; each
/// names its fields in <see cref="TriggerFieldPaths"/> (`body.delay` in REST, `delay` in gRPC).
/// </summary>
public static class TriggerRequestCheck
{
    /// <summary>At most this many characters, all printable, in an idempotency key.</summary>
    public const int MaxIdempotencyKeyLength = 200;

    /// <summary>The error of a malformed idempotency key, named <paramref name="path"/>; null for a good one or none.</summary>
    public static FieldError? CheckIdempotencyKey(string? key, string path) =>
        key is not null && (key.Length is 0 or > MaxIdempotencyKeyLength || key.Any(char.IsControl))
            ? new FieldError(path, $"must be 1 to {MaxIdempotencyKeyLength} printable characters")
            : null;

    /// <summary>The delay the request asks for (null: none), or the errors that refuse it.</summary>
    public static (TimeSpan? Delay, IReadOnlyList<FieldError> Errors) Check(
        IReadOnlyDictionary<string, JsonElement>? parameters, DateTimeOffset? at, string? delay, string? idempotencyKey,
        SpecLimits limits, TriggerFieldPaths paths)
    {
        var errors = new List<FieldError>();
        if (CheckIdempotencyKey(idempotencyKey, paths.IdempotencyKey) is { } keyError)
        {
            errors.Add(keyError);
        }

        // Each unknown param is its own error naming the declared ones, so an unbounded count would make an unbounded answer.
        if (parameters is { } given && given.Count > limits.MaxParams)
        {
            errors.Add(new FieldError(paths.Params, $"has {given.Count} params; at most {limits.MaxParams} are allowed"));
        }

        TimeSpan? parsedDelay = null;
        if (delay is not null)
        {
            if (at is not null)
            {
                errors.Add(new FieldError(paths.Delay, "give either `at` or `delay`, not both"));
            }
            else if (!SpecDuration.TryParse(delay, out var parsed, out var delayError))
            {
                errors.Add(new FieldError(paths.Delay, delayError!));
            }
            else
            {
                parsedDelay = parsed;
            }
        }

        return (parsedDelay, errors);
    }
}

/// <summary>How an API names a trigger's fields in its errors; a param's errors are `<see cref="Params"/>.NAME`.</summary>
public sealed record TriggerFieldPaths(string Params, string Delay, string IdempotencyKey);
