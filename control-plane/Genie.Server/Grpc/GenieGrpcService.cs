using System.Text;
using System.Text.Json;
using Genie.Core.Events;
using Genie.Core.Runs;
using Genie.Core.Access;
using Genie.Core.Specs;
using Genie.Server.Access;
using Genie.Server.Api;
using Genie.Server.Audit;
using Genie.Server.Events;
using Genie.Server.Jobs;
using Genie.Server.Runs;
using Genie.Server.Store;
using Genie.Server.Telemetry;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Genie.Server.Grpc;

/// <summary>
/// The genie.v1.Genie service (proto/genie/v1/genie.proto). Each call checks the caller's role in the namespace its
/// message names, then does what the REST endpoint does through the same services; only the answers differ in shape.
/// </summary>
public sealed class GenieGrpcService(
    JobApplication application,
    RunTrigger trigger,
    RunControl control,
    RunSnapshotStore snapshots,
    RunStore runs,
    EventFeed feed,
    EventStreamStore events,
    IOptions<SpecLimits> limits,
    IOptions<TracingOptions> tracing) : V1.Genie.GenieBase
{
    private static readonly TriggerFieldPaths FieldPaths = new("params", "delay", "idempotency_key");

    public override async Task<V1.ApplyJobResponse> ApplyJob(V1.ApplyJobRequest request, ServerCallContext context)
    {
        AuditedCall.Set(context.GetHttpContext(), request.Namespace, $"jobs/{request.Name}");
        var caller = context.GetHttpContext().User;
        GrpcAccess.Require(caller, NamespaceRole.Operator, request.Namespace, ("name", "name", request.Name));
        if (Encoding.UTF8.GetByteCount(request.Spec) > limits.Value.MaxDocumentBytes)
        {
            throw GrpcErrors.Invalid("spec", $"a spec may be at most {limits.Value.MaxDocumentBytes} bytes");
        }

        var format = request.Format == V1.SpecFormat.Json ? SpecFormat.Json : SpecFormat.Yaml;
        var applied = await application.ApplyAsync(new SpecDocument(request.Spec.TrimStart('\uFEFF'), format), request.Namespace, request.Name,
            new JobPrecondition(null, null), request.DryRun, caller, source: null, context.CancellationToken);
        if (applied.Forbidden is { } forbidden)
        {
            throw GrpcErrors.PermissionDenied(forbidden);
        }

        // Without a precondition the store always writes (or finds the spec unchanged).
        if (applied.Write?.Job is not { } job)
        {
            throw GrpcErrors.Invalid("The job spec is invalid", applied.Errors);
        }

        return new V1.ApplyJobResponse
        {
            Outcome = applied.Outcome.ToString().ToLowerInvariant(),
            DryRun = request.DryRun,
            Job = job.ToResource().ToMessage(),
        };
    }

    public override async Task<V1.Run> TriggerRun(V1.TriggerRunRequest request, ServerCallContext context)
    {
        AuditedCall.Set(context.GetHttpContext(), request.Namespace, $"jobs/{request.Job}");
        var caller = context.GetHttpContext().User;
        GrpcAccess.Require(caller, NamespaceRole.Operator, request.Namespace, ("job", "name", request.Job));
        var parameters = request.Params.ToDictionary(p => p.Key, p => p.Value.ToJson());
        var at = request.At?.ToDateTimeOffset();
        var idempotencyKey = request.IdempotencyKey is { Length: > 0 } key ? key : null;
        var (delay, errors) = TriggerRequestCheck.Check(
            parameters, at, request.Delay is { Length: > 0 } text ? text : null, idempotencyKey, limits.Value, FieldPaths);
        if (errors.Count > 0)
        {
            throw GrpcErrors.Invalid("The trigger is invalid", errors);
        }

        var outcome = await trigger.TriggerAsync(caller.Actor(), new TriggerCommand(request.Namespace, request.Job, "api",
            JsonParams: parameters, NotBefore: at, Delay: delay, IdempotencyKey: idempotencyKey, Grants: caller.Grants().Texts()),
            context.CancellationToken);
        return outcome.Status switch
        {
            TriggerStatus.Created or TriggerStatus.Existing => outcome.Run!.ToResource(tracing.Value).ToMessage(),
            TriggerStatus.InvalidParams => throw GrpcErrors.Invalid("The params are invalid",
                outcome.Errors.Select(e => new Genie.Client.Contracts.FieldError(e.Path, e.Message))),
            TriggerStatus.JobNotFound => throw GrpcErrors.NotFound(outcome.Detail!),
            _ => throw GrpcErrors.FailedPrecondition(outcome.Detail!),
        };
    }

    public override async Task<V1.Run> GetRun(V1.GetRunRequest request, ServerCallContext context)
    {
        var runId = RunIdOf(context, NamespaceRole.Viewer, request.Namespace, request.Id);
        return await snapshots.ReadAsync(runId, context.CancellationToken) is { } snapshot && snapshot.Run.Namespace == request.Namespace
            ? snapshot.Run.ToResource(tracing.Value, snapshot.Instances, snapshot.Attempts).ToMessage()
            : throw RunNotFound(request.Namespace, request.Id);
    }

    public override async Task<V1.Run> CancelRun(V1.CancelRunRequest request, ServerCallContext context)
    {
        AuditedCall.Set(context.GetHttpContext(), request.Namespace, $"runs/{request.Id}");
        var runId = RunIdOf(context, NamespaceRole.Operator, request.Namespace, request.Id);
        var result = await control.CancelAsync(request.Namespace, runId, context.GetHttpContext().User.Actor(), context.CancellationToken);
        return result switch
        {
            { Run: null } => throw RunNotFound(request.Namespace, request.Id),
            { Conflict: { } conflict } => throw GrpcErrors.FailedPrecondition(conflict),
            { Run: { } run } => run.ToResource(tracing.Value).ToMessage(),
        };
    }

    public override async Task WatchRun(V1.WatchRunRequest request, IServerStreamWriter<V1.RunEvent> responseStream, ServerCallContext context)
    {
        var runId = RunIdOf(context, NamespaceRole.Viewer, request.Namespace, request.Id);
        var cancellationToken = context.CancellationToken;
        if (request.AfterEventId < 0)
        {
            throw GrpcErrors.Invalid("after_event_id", "must be an event id (0 for the run's first event)");
        }

        if (await runs.GetAsync(runId, cancellationToken) is not { } run || run.Namespace != request.Namespace)
        {
            throw RunNotFound(request.Namespace, request.Id);
        }

        // A run already over when the watch began ends it once its kept events are sent, should its end be pruned.
        var endedBefore = run.RunState.IsTerminal();
        var filter = EventFilter.For(context.GetHttpContext().User.Grants(), request.Namespace, null, request.Id);
        var after = request.AfterEventId == 0 ? EventPosition.Start : await events.PositionOfAsync(request.AfterEventId, cancellationToken);
        long lastId = request.AfterEventId;
        await foreach (var step in feed.ReadAsync(filter, after, follow: true, cancellationToken))
        {
            switch (step.Kind)
            {
                case EventFeedStepKind.Events:
                    foreach (var e in step.Events)
                    {
                        await responseStream.WriteAsync(e.ToMessage(), cancellationToken);
                        lastId = e.Id;
                        if (EndsRun(e))
                        {
                            return;
                        }
                    }

                    break;
                case EventFeedStepKind.Live when endedBefore:
                    return;
                case EventFeedStepKind.Overflow:
                    throw new RpcException(new global::Grpc.Core.Status(StatusCode.ResourceExhausted,
                        $"The watch fell too far behind the run's events; watch again with after_event_id {lastId}."));
            }
        }
    }

    private static bool EndsRun(StoredEvent e)
    {
        if (e.Type != RunStateChanged.Type)
        {
            return false;
        }

        using var payload = JsonDocument.Parse(e.Payload);
        return payload.RootElement.GetProperty("to").GetString() is { } to && RunStates.TryParse(to, out var state) && state.IsTerminal();
    }

    /// <summary>The run id of a call on a run, once the caller may hold <paramref name="role"/> in its namespace.</summary>
    private static Guid RunIdOf(ServerCallContext context, NamespaceRole role, string ns, string id)
    {
        GrpcAccess.Require(context.GetHttpContext().User, role, ns, ("id", "id", id));
        return Guid.Parse(id);
    }

    private static RpcException RunNotFound(string ns, string id) => GrpcErrors.NotFound($"Run {id} does not exist in namespace {ns}.");
}
