using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Genie.Server.Access;

/// <summary>
/// The default scheme: sends a credential to the handler that can read it — Genie API keys (recognisable by their
/// `genie_` marker) to <see cref="ApiKeyAuthentication"/>, anything else to the JWT handler when an issuer is configured.
/// </summary>
public static class CallerScheme
{
    public const string Name = "Genie";

    public static string Select(HttpContext context, bool jwtEnabled) =>
        jwtEnabled && PresentedCredential.Of(context.Request) is { } credential && !credential.StartsWith(ApiKeyToken.Marker, StringComparison.Ordinal)
            ? JwtBearerDefaults.AuthenticationScheme
            : ApiKeyAuthentication.SchemeName;
}
