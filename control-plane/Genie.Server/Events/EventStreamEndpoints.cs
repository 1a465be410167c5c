using System.Globalization;
using Genie.Client.Contracts;
using Genie.Core.Specs;
using Genie.Server.Access;
using Genie.Server.Api;
using Genie.Server.Store;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Genie.Server.Events;

/// <summary>`GET /api/v1/events`: the outbox as server-sent events, filtered, resumable, limited to what the caller may see.</summary>
public static class EventStreamEndpoints
{
    public static RouteGroupBuilder MapEventApi(this RouteGroupBuilder api)
    {
        api.MapGet("/events", StreamAsync).ForAnyCaller().WithTags("Events")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .WithSummary("Events as server-sent events, live; filter by namespace, job and run; resume after `Last-Event-ID` (or `since`); " +
                "`follow=false` ends once the events that exist are sent. Only events of namespaces the caller may see");
        return api;
    }

    private static async Task<Results<EventStreamResponse, ProblemHttpResult>> StreamAsync(
        HttpContext context, EventStreamStore store, [FromQuery(Name = "namespace")] string? ns, string? job, string? run,
        string? since, string? follow, [FromHeader(Name = "Last-Event-ID")] string? lastEventId, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        if (ns is not null && !SpecNames.IsDns1123Label(ns))
        {
            errors.Add(new FieldError("query.namespace", "must be a DNS-1123 label"));
        }

        if (job is not null && !SpecNames.IsDns1123Label(job))
        {
            errors.Add(new FieldError("query.job", "must be a DNS-1123 label"));
        }

        Guid? runId = null;
        if (run is not null)
        {
            runId = Guid.TryParse(run, out var parsed) ? parsed : null;
            if (runId is null)
            {
                errors.Add(new FieldError("query.run", "is not a run id"));
            }
        }

        // A browser reconnects to the same URL with the header, so the header is the newer place and wins over `since`.
        var (resume, resumePath) = lastEventId is not null ? (lastEventId, "header.Last-Event-ID") : (since, "query.since");
        long? resumeAfter = null;
        if (resume is not null)
        {
            resumeAfter = long.TryParse(resume, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
            if (resumeAfter is null)
            {
                errors.Add(new FieldError(resumePath, "must be an event id (0 for every kept event)"));
            }
        }

        var following = true;
        if (follow is not null && !bool.TryParse(follow, out following))
        {
            errors.Add(new FieldError("query.follow", "must be true or false"));
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Invalid("The event stream request is invalid", errors);
        }

        EventPosition? after = resumeAfter switch
        {
            null => null,
            0 => EventPosition.Start,
            { } id => await store.PositionOfAsync(id, cancellationToken),
        };
        return new EventStreamResponse(EventFilter.For(context.User.Grants(), ns, job, runId?.ToString()), after, following);
    }
}
