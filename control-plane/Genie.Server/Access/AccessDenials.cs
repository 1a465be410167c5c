using Genie.Server.Api;
using Genie.Server.Grpc;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Net.Http.Headers;

namespace Genie.Server.Access;

/// <summary>
/// Answers a refused request with a problem document: 401 without (valid) credentials, 403 for a caller who may see
/// the namespace but not do this, and 404 for a caller who may not see the namespace at all — the same answer
/// whether the job or run exists, so no caller learns what another team has.
/// </summary>
public sealed class AccessDenials : IAuthorizationMiddlewareResultHandler
{
    private const string FailureItem = "genie.access.failure";

    /// <summary>
    /// A failed authentication whose reason the 401 will carry: ASP.NET Core keeps only successful results on the
    /// request, so the reason is kept here. It names at most a key's public prefix.
    /// </summary>
    public static AuthenticateResult Failed(HttpContext context, string reason)
    {
        Remember(context, reason);
        return AuthenticateResult.Fail(reason);
    }

    /// <summary>Keeps the reason a handler refused the request's credential, for the 401 to say.</summary>
    public static void Remember(HttpContext context, string reason) => context.Items[FailureItem] = reason;

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        // A request no endpoint matched goes on to its 404, or to the Hangfire dashboard, which checks its callers itself
        // (and challenges browsers for Basic credentials, which a 401 of the fallback policy would not).
        if (result.Succeeded || context.GetEndpoint() is null)
        {
            await next(context);
            return;
        }

        if (result.Challenged || context.User.Identity?.IsAuthenticated != true)
        {
            var reason = context.Items[FailureItem] as string;
            if (GrpcRefusal.IsGrpc(context.Request))
            {
                await GrpcRefusal.WriteAsync(context, global::Grpc.Core.StatusCode.Unauthenticated, reason ?? "Send `authorization: Bearer <API key or token>` metadata.");
                return;
            }

            context.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer realm=\"genie\"";
            await ApiProblems.Status(StatusCodes.Status401Unauthorized, "Unauthorized",
                reason ?? "Send `Authorization: Bearer <API key or token>`.").ExecuteAsync(context);
            return;
        }

        if (context.Request.RouteValues[NamespaceRoleHandler.NamespaceRouteKey] is string ns && context.User.Grants().RoleIn(ns) is null)
        {
            await ApiProblems.NotFound($"{context.Request.Path} does not exist.").ExecuteAsync(context);
            return;
        }

        var needed = policy.Requirements.OfType<NamespaceRoleRequirement>().FirstOrDefault()?.Role.ToString().ToLowerInvariant()
            ?? "cluster-admin";
        await ApiProblems.Status(StatusCodes.Status403Forbidden, "Forbidden",
            $"This needs the {needed} role{(needed == "cluster-admin" ? "" : " in the namespace")}; your grants do not include it.")
            .ExecuteAsync(context);
    }
}
