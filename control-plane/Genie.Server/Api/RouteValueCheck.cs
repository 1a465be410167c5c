using System.Globalization;
using Genie.Client.Contracts;
using Genie.Core.Specs;

namespace Genie.Server.Api;

/// <summary>
/// Checks the values a URL carries (`{ns}`, `{name}`, `{group}`, `{version}`, `{id}`, `{task}`, `{secret}`, `{key}`) before any handler runs, so
/// handlers see only well-formed names and ids and none repeats the checks. Every bad value is listed at once in a
/// 400 problem, each with its path (`path.namespace`, `path.name`, ...). A value that passes can still name
/// something that does not exist; that stays the handler's 404.
/// </summary>
public sealed class RouteValueCheck : IEndpointFilter
{
    private const string LabelRule =
        "must be a DNS-1123 label: at most 63 characters of a-z, 0-9 and '-', starting and ending alphanumeric";

    // Outermost first. The problem is titled after the innermost bad value, which is what the URL addresses
    // when the outer ones are fine.
    private static readonly Rule[] Rules =
    [
        new("ns", "path.namespace", "The namespace is invalid", Label),
        new("name", "path.name", "The job name is invalid", Label),
        new("group", "path.group", "The group name is invalid", Label),
        new("version", "path.version", "The version is invalid", Version),
        new("id", "path.id", "The run id is invalid", RunId),
        new("task", "path.task", "The task name is invalid", Label),
        new("secret", "path.secret", "The secret name is invalid", Subdomain),
        new("key", "path.key", "The API key prefix is invalid", KeyPrefix),
    ];

    private RouteValueCheck()
    {
    }

    /// <summary>The check holds no state, so one instance serves every endpoint.</summary>
    public static RouteValueCheck Instance { get; } = new();

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var values = context.HttpContext.Request.RouteValues;
        List<FieldError>? errors = null;
        var title = "";
        foreach (var rule in Rules)
        {
            if (values.TryGetValue(rule.RouteKey, out var raw) && rule.Check(raw as string ?? "") is { } message)
            {
                (errors ??= []).Add(new FieldError(rule.Path, message));
                title = rule.Title;
            }
        }

        return errors is null ? next(context) : ValueTask.FromResult<object?>(ApiProblems.Invalid(title, errors));
    }

    /// <summary>Why <paramref name="value"/> is no good as the route value <paramref name="routeKey"/> (null: it is fine); for APIs without routes.</summary>
    public static string? Check(string routeKey, string value) => Rules.Single(r => r.RouteKey == routeKey).Check(value);

    private static string? Label(string value) =>
        SpecNames.IsDns1123Label(value) ? null : $"`{Shorten(value)}` {LabelRule}";

    private static string? Subdomain(string value) =>
        SpecNames.IsDns1123Subdomain(value) ? null : $"`{Shorten(value)}` must be {SpecNames.Dns1123SubdomainRule}";

    private static string? Version(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? null
            : "must be a positive whole number";

    private static string? KeyPrefix(string value) =>
        Access.ApiKeyToken.IsPrefix(value) ? null : "is not an API key prefix: 8 characters of a-z and 0-9";

    private static string? RunId(string value) => Guid.TryParse(value, out _) ? null : "is not a run id";

    // The value is echoed back; a megabyte of URL should not be.
    private static string Shorten(string value) => value.Length <= 80 ? value : value[..80] + "…";

    /// <summary>What one route value must be: <paramref name="Check"/> answers null when it is fine, else the message.</summary>
    private sealed record Rule(string RouteKey, string Path, string Title, Func<string, string?> Check);
}
