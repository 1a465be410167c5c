using Genie.Server.Api;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Genie.Server.Audit;

/// <summary>
/// The short name of each mutating API call (`runs.trigger`), looked up by HTTP method and route pattern, so no
/// endpoint file has to carry it. A test walks the app's own endpoints: a new mutating endpoint without a name here
/// fails it. A call without a name (one answered 405, say) is recorded as its method and pattern; a path no
/// endpoint matches as `{method} unmatched`.
/// </summary>
public static class AuditActions
{
    /// <summary>The action of a request no endpoint matched.</summary>
    public const string Unmatched = "unmatched";

    /// <summary>The Airflow listener's state changes; see <see cref="AuditMiddleware"/> for why only refusals are kept.</summary>
    public const string AirflowEvent = "airflow.event";

    /// <summary>
    /// Validating a spec: a POST only because it carries a body. It writes nothing, so it is kept out of the log as
    /// reads are; the portal's editor validates as people type, which would otherwise write a row per pause in typing.
    /// </summary>
    public const string Validate = "jobs.validate";

    // Keyed by method and the route pattern below the API root, as the endpoint data source spells it.
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["PUT /namespaces/{ns}/jobs/{name}"] = "jobs.apply",
        ["DELETE /namespaces/{ns}/jobs/{name}"] = "jobs.delete",
        ["POST /validate"] = Validate,
        ["POST /namespaces/{ns}/jobs/{name}/runs"] = "runs.trigger",
        ["POST /namespaces/{ns}/groups/{group}/runs"] = "groups.trigger",
        ["POST /namespaces/{ns}/runs/{id}/cancel"] = "runs.cancel",
        ["POST /namespaces/{ns}/runs/{id}/suspend"] = "runs.suspend",
        ["POST /namespaces/{ns}/runs/{id}/resume"] = "runs.resume",
        ["POST /namespaces/{ns}/runs/{id}/retry"] = "runs.retry",
        ["POST /namespaces/{ns}/jobs/{name}/schedule/pause"] = "schedules.pause",
        ["POST /namespaces/{ns}/jobs/{name}/schedule/resume"] = "schedules.resume",
        ["POST /housekeeping/{name}/run"] = "housekeeping.run",
        ["POST /namespaces/{ns}/secrets"] = "secrets.create",
        ["PUT /namespaces/{ns}/secrets/{secret}"] = "secrets.rotate",
        ["DELETE /namespaces/{ns}/secrets/{secret}"] = "secrets.delete",
        ["POST /keys"] = "keys.create",
        ["DELETE /keys/{key}"] = "keys.revoke",
        ["POST /airflow/events"] = AirflowEvent,
    };

    // gRPC's mutating methods (all POST) by path, under their REST twins' names: one action whichever API did it.
    private static readonly Dictionary<string, string> GrpcNames = new(StringComparer.Ordinal)
    {
        ["/genie.v1.Genie/ApplyJob"] = "jobs.apply",
        ["/genie.v1.Genie/TriggerRun"] = "runs.trigger",
        ["/genie.v1.Genie/CancelRun"] = "runs.cancel",
    };

    /// <summary>Whether <paramref name="path"/> is a gRPC method that changes something.</summary>
    public static bool IsGrpcMutation(PathString path) => GrpcNames.ContainsKey(path.Value ?? "");

    /// <summary>Every name with the method and pattern it stands for.</summary>
    public static IReadOnlyDictionary<string, string> All => Names;

    /// <summary>The short name of <paramref name="method"/> on <paramref name="pattern"/>, or null when it has none.</summary>
    public static string? NameOf(string method, RoutePattern pattern) => Names.GetValueOrDefault(Key(method, pattern));

    /// <summary>What an audit row records as the action of <paramref name="method"/> on <paramref name="pattern"/> (null: unmatched).</summary>
    public static string Of(string method, RoutePattern? pattern) =>
        pattern is null
            ? $"{method} {Unmatched}"
            : NameOf(method, pattern) ?? GrpcNames.GetValueOrDefault(pattern.RawText ?? "") ?? $"{method} {pattern.RawText}";

    /// <summary>The pattern below the API root, without the trailing slash a group's `/` route leaves.</summary>
    public static string Relative(RoutePattern pattern)
    {
        var text = pattern.RawText ?? "";
        return (text.StartsWith(ApiRoutes.Root, StringComparison.Ordinal) ? text[ApiRoutes.Root.Length..] : text).TrimEnd('/');
    }

    private static string Key(string method, RoutePattern pattern) => $"{method} {Relative(pattern)}";
}
