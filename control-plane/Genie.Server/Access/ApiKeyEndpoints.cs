using System.Globalization;
using Genie.Client.Contracts;
using Genie.Core.Access;
using Genie.Server.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Genie.Server.Access;

/// <summary>The API keys resource: create (the key is in this one answer), list, read and revoke. Cluster admins only.</summary>
public static class ApiKeyEndpoints
{
    private const int MaxNameLength = 200;
    private const int MaxGrants = 100;

    public static RouteGroupBuilder MapApiKeyApi(this RouteGroupBuilder api)
    {
        var keys = api.MapGroup("/keys").WithTags("API keys");
        keys.MapPost("/", CreateAsync).ForClusterAdmins().WithSummary("Create an API key; the answer holds the key, shown this once");
        keys.MapGet("/", ListAsync).ForClusterAdmins().WithSummary("API keys by creation: prefixes, names, grants, never the keys");
        keys.MapGet("/{key}", GetAsync).ForClusterAdmins().WithSummary("One API key by its prefix");
        keys.MapDelete("/{key}", RevokeAsync).ForClusterAdmins().WithSummary("Revoke an API key; it stays listed as revoked");
        return api;
    }

    private static async Task<Results<Created<CreatedApiKey>, ProblemHttpResult>> CreateAsync(
        HttpContext context, ApiKeys keys, TimeProvider time, CancellationToken cancellationToken)
    {
        var (request, problem) = await JsonBodyReader.ReadAsync(context.Request, new CreateApiKeyRequest(), cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(request!.Name) || request.Name.Length > MaxNameLength)
        {
            errors.Add(new FieldError("body.name", $"is required, at most {MaxNameLength} characters"));
        }

        var grants = new List<Grant>();
        if (request.Grants is not { Count: > 0 and <= MaxGrants })
        {
            errors.Add(new FieldError("body.grants", $"lists 1 to {MaxGrants} grants such as `operator:team-a`, `viewer:*` or `cluster-admin`"));
        }
        else
        {
            for (var i = 0; i < request.Grants.Count; i++)
            {
                if (Grant.TryParse(request.Grants[i], out var grant, out var error))
                {
                    grants.Add(grant);
                }
                else
                {
                    errors.Add(new FieldError($"body.grants[{i}]", error));
                }
            }
        }

        if (request.ExpiresAt is { } expires && expires <= time.GetUtcNow())
        {
            errors.Add(new FieldError("body.expiresAt", "lies in the past"));
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Invalid("The API key is invalid", errors);
        }

        var created = await keys.CreateAsync(request.Name!, grants, request.ExpiresAt, context.User.Actor(), cancellationToken);
        return TypedResults.Created($"{ApiRoutes.Root}/keys/{created.ApiKey.Prefix}", created);
    }

    private static async Task<Results<Ok<Page<ApiKeyResource>>, ProblemHttpResult>> ListAsync(
        ApiKeys keys, string? limit, string? cursor, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        if (!PageCursor.TryReadLimit(limit, out var pageSize))
        {
            errors.Add(new FieldError("query.limit", PageCursor.LimitRule));
        }

        var at = default(DateTimeOffset);
        if (!PageCursor.TryDecode(cursor, 2, out var parts)
            || (parts.Length == 2 && !DateTimeOffset.TryParse(parts[0], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out at)))
        {
            errors.Add(new FieldError("query.cursor", "is not a cursor returned by this listing"));
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Invalid("The listing request is invalid", errors);
        }

        var found = await keys.ListAsync(pageSize + 1, parts.Length == 2 ? (at, parts[1]) : null, cancellationToken);
        var page = found.Take(pageSize).ToList();
        var next = found.Count > pageSize ? PageCursor.Encode(page[^1].CreatedAt.ToString("O", CultureInfo.InvariantCulture), page[^1].Prefix) : null;
        return TypedResults.Ok(new Page<ApiKeyResource>(page, next));
    }

    private static async Task<Results<Ok<ApiKeyResource>, ProblemHttpResult>> GetAsync(
        string key, ApiKeys keys, CancellationToken cancellationToken) =>
        await keys.GetAsync(key, cancellationToken) is { } found
            ? TypedResults.Ok(found)
            : ApiProblems.NotFound($"There is no API key {key}.");

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        string key, HttpContext context, ApiKeys keys, CancellationToken cancellationToken) =>
        await keys.RevokeAsync(key, context.User.Actor(), cancellationToken) ? TypedResults.NoContent()
            : ApiProblems.NotFound($"There is no unrevoked API key {key}.");
}
