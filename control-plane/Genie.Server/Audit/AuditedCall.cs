namespace Genie.Server.Audit;

/// <summary>
/// What a call without route values addressed (a gRPC call names it in its message), set on the request's features
/// by the handler once it has read the message, for the audit row to record as a REST call's route would give it.
/// </summary>
public sealed record AuditedCall(string Namespace, string Target)
{
    public static void Set(HttpContext context, string ns, string target) =>
        context.Features.Set(new AuditedCall(AuditTarget.Shorten(ns), AuditTarget.Shorten(target)));
}
