using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Genie.Core.Events;
using Genie.Server.Executors.Airflow;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Genie.Server.Access;

/// <summary>
/// The `AirflowListener` scheme: the token Genie's Airflow plugin sends (`Genie:Airflow:ListenerToken`). It has no
/// grant; its one claim lets it post Airflow events and nothing else.
/// </summary>
public sealed class AirflowListenerAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    IOptions<AirflowExecutionOptions> airflow)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "AirflowListener";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var expected = airflow.Value.ListenerToken;
        if (string.IsNullOrEmpty(expected) || PresentedCredential.Of(Request) is not { } presented)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected)))
        {
            return Task.FromResult(AuthenticateResult.Fail("The credential is not the Airflow listener's token."));
        }

        var principal = CallerClaims.Principal(SchemeName, Actors.Airflow, [], new Claim(CallerClaims.ListenerType, "true"));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }
}
