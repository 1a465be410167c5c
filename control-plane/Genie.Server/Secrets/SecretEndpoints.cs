using Genie.Client.Contracts;
using Genie.Server.Access;
using Genie.Server.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Genie.Server.Secrets;

/// <summary>The secrets resource of a namespace: create, rotate, read and list names, delete. No answer carries a value.</summary>
public static class SecretEndpoints
{
    private const string InvalidTitle = "The secret is invalid";

    public static RouteGroupBuilder MapSecretApi(this RouteGroupBuilder api)
    {
        var secrets = api.MapGroup("/namespaces/{ns}/secrets").WithTags("Secrets");
        secrets.MapPost("/", CreateAsync).ForNamespaceAdmins().WithSummary("Create a secret; its values are encrypted and never returned");
        secrets.MapPut("/{secret}", RotateAsync).ForNamespaceAdmins().WithSummary("Rotate a secret: new values replace all of its old ones");
        secrets.MapGet("/", ListAsync).ForOperators().WithSummary("The namespace's secrets: names, keys and times, never values");
        secrets.MapGet("/{secret}", GetAsync).ForOperators().WithSummary("One secret's names, keys and times, never its values");
        secrets.MapDelete("/{secret}", DeleteAsync).ForNamespaceAdmins().WithSummary("Delete a secret");
        return api;
    }

    private static async Task<Results<Created<SecretResource>, ProblemHttpResult>> CreateAsync(
        string ns, HttpContext context, SecretVault vault, CancellationToken cancellationToken)
    {
        var (request, problem) = await JsonBodyReader.ReadAsync(context.Request, new CreateSecretRequest(), cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var errors = SecretRules.Check(request!.Name, nameInBody: true, request.Data);
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(InvalidTitle, errors);
        }

        var created = await vault.CreateAsync(ns, request.Name!, Values(request.Data!), cancellationToken);
        return created is null
            ? ApiProblems.Status(StatusCodes.Status409Conflict, "Conflict",
                $"Secret {ns}/{request.Name} exists already; rotate it with PUT {ApiRoutes.Root}/namespaces/{ns}/secrets/{request.Name}.")
            : TypedResults.Created($"{ApiRoutes.Root}/namespaces/{ns}/secrets/{created.Name}", created);
    }

    private static async Task<Results<Ok<SecretResource>, ProblemHttpResult>> RotateAsync(
        string ns, string secret, HttpContext context, SecretVault vault, CancellationToken cancellationToken)
    {
        var (request, problem) = await JsonBodyReader.ReadAsync(context.Request, new RotateSecretRequest(), cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var errors = SecretRules.Check(secret, nameInBody: false, request!.Data);
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(InvalidTitle, errors);
        }

        return await vault.RotateAsync(ns, secret, Values(request.Data!), cancellationToken) is { } rotated
            ? TypedResults.Ok(rotated)
            : NotFound(ns, secret);
    }

    private static async Task<Results<Ok<Page<SecretResource>>, ProblemHttpResult>> ListAsync(
        string ns, SecretVault vault, string? limit, string? cursor, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        if (!PageCursor.TryReadLimit(limit, out var pageSize))
        {
            errors.Add(new FieldError("query.limit", PageCursor.LimitRule));
        }

        if (!PageCursor.TryDecode(cursor, 1, out var after))
        {
            errors.Add(new FieldError("query.cursor", "is not a cursor returned by this listing"));
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Invalid("The listing query is invalid", errors);
        }

        var secrets = await vault.ListAsync(ns, after.Length == 1 ? after[0] : null, pageSize + 1, cancellationToken);
        var page = secrets.Take(pageSize).ToList();
        var next = secrets.Count > pageSize ? PageCursor.Encode(page[^1].Name) : null;
        return TypedResults.Ok(new Page<SecretResource>(page, next));
    }

    private static async Task<Results<Ok<SecretResource>, ProblemHttpResult>> GetAsync(
        string ns, string secret, SecretVault vault, CancellationToken cancellationToken) =>
        await vault.GetAsync(ns, secret, cancellationToken) is { } found ? TypedResults.Ok(found) : NotFound(ns, secret);

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string ns, string secret, SecretVault vault, CancellationToken cancellationToken) =>
        await vault.DeleteAsync(ns, secret, cancellationToken) ? TypedResults.NoContent() : NotFound(ns, secret);

    private static ProblemHttpResult NotFound(string ns, string secret) => ApiProblems.NotFound($"Secret {ns}/{secret} does not exist.");

    // SecretRules has checked that no value is null.
    private static Dictionary<string, string> Values(IReadOnlyDictionary<string, string?> data) =>
        data.ToDictionary(p => p.Key, p => p.Value!, StringComparer.Ordinal);
}
