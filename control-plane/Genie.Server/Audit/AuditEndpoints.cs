using System.Globalization;
using Genie.Client.Contracts;
using Genie.Core.Access;
using Genie.Core.Specs;
using Genie.Server.Access;
using Genie.Server.Api;
using Genie.Server.Store;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Genie.Server.Audit;

/// <summary>The audit log: every mutating call newest first, filtered by actor, namespace, action and time, cursor-paged.</summary>
public static class AuditEndpoints
{
    // Actors (`key:...`, `jwt:<subject>`) and actions are short; a longer filter cannot match and is a mistake.
    private const int MaxFilterLength = 200;

    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", ListAsync).ForAnyCaller().WithTags("Audit")
            .WithSummary("Audited calls newest first; filter by actor, namespace, action and time (`from` inclusive, `to` exclusive). " +
                "Cluster admins see every row, namespace admins their namespaces' rows");
        return api;
    }

    private static async Task<Results<Ok<Page<AuditRecordResource>>, ProblemHttpResult>> ListAsync(
        HttpContext context, AuditStore store, string? actor, [FromQuery(Name = "namespace")] string? ns, string? action,
        string? from, string? to, string? limit, string? cursor, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        CheckText(actor, "query.actor", errors);
        CheckText(action, "query.action", errors);
        if (ns is not null && !SpecNames.IsDns1123Label(ns))
        {
            errors.Add(new FieldError("query.namespace", "must be a DNS-1123 label"));
        }

        var fromTime = Rfc3339Time.Read(from, "query.from", errors);
        var toTime = Rfc3339Time.Read(to, "query.to", errors);
        if (fromTime > toTime)
        {
            errors.Add(new FieldError("query.to", "must not be before `from`"));
        }

        if (!PageCursor.TryReadLimit(limit, out var pageSize))
        {
            errors.Add(new FieldError("query.limit", PageCursor.LimitRule));
        }

        DateTimeOffset? beforeOccurredAt = null;
        long? beforeId = null;
        if (!PageCursor.TryDecode(cursor, 2, out var after) ||
            (after.Length == 2 && !(long.TryParse(after[0], CultureInfo.InvariantCulture, out var ticks) && long.TryParse(after[1], CultureInfo.InvariantCulture, out var id)
                                    && (beforeOccurredAt = new DateTimeOffset(ticks, TimeSpan.Zero)) is not null && (beforeId = id) is not null)))
        {
            errors.Add(new FieldError("query.cursor", "is not a cursor returned by this listing"));
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Invalid("The audit query is invalid", errors);
        }

        var found = await store.ListAsync(
            new AuditQuery(actor, ns, action, fromTime, toTime, beforeOccurredAt, beforeId, pageSize + 1, Visible(context.User.Grants())), cancellationToken);
        var page = found.Take(pageSize).ToList();
        var next = found.Count > pageSize
            ? PageCursor.Encode(page[^1].OccurredAt.UtcTicks.ToString(CultureInfo.InvariantCulture), page[^1].Id.ToString(CultureInfo.InvariantCulture))
            : null;
        return TypedResults.Ok(new Page<AuditRecordResource>(page.Select(ToResource).ToList(), next));
    }

    // An admin of a namespace reads its rows; calls on keys and housekeeping name no namespace and are for cluster admins.
    private static string[]? Visible(AccessGrants grants) =>
        grants.IsClusterAdmin ? null : grants.Namespaces(NamespaceRole.Admin)?.ToArray() ?? [Grant.EveryNamespace];

    private static void CheckText(string? value, string path, List<FieldError> errors)
    {
        if (value is not null && (value.Length is 0 or > MaxFilterLength || value.Any(char.IsControl)))
        {
            errors.Add(new FieldError(path, $"must be 1 to {MaxFilterLength} printable characters"));
        }
    }

    private static AuditRecordResource ToResource(AuditRecord r) =>
        new(r.Id, r.OccurredAt, r.Actor, r.Action, r.Namespace, r.Target, r.SourceAddress, r.StatusCode, r.Outcome, r.RequestId);
}
