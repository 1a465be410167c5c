using System.Text.Encodings.Web;
using Genie.Core.Access;
using Genie.Core.Events;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Genie.Server.Access;

/// <summary>The `ApiKey` scheme: a Genie API key as bearer token (or Basic password) names its key and carries its grants.</summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyDirectory keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (PresentedCredential.Of(Request) is not { } presented)
        {
            return AuthenticateResult.NoResult();
        }

        // The key itself never reaches a log: failures name at most its public prefix.
        if (!ApiKeyToken.TryParse(presented, out var token))
        {
            return AccessDenials.Failed(Context, "The credential is neither a Genie API key nor a token of a configured issuer.");
        }

        if (await keys.FindUsableAsync(token, Context.RequestAborted) is not { } key)
        {
            return AccessDenials.Failed(Context, $"API key {token} is unknown, revoked or expired.");
        }

        var principal = CallerClaims.Principal(SchemeName, Actors.Key(key.Prefix), AccessGrants.FromTexts(key.Grants).All);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}
