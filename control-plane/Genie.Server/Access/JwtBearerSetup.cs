using Genie.Core.Access;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Genie.Server.Access;

/// <summary>
/// Configures ASP.NET Core's JWT bearer handler from `Genie:Auth:Jwt`: issuer, audience and signing keys (a JWKS URL
/// or static keys), and turns a validated token into Genie's caller shape (actor `jwt:{subject}`, grants from claims).
/// </summary>
public sealed class JwtBearerSetup(IOptions<AccessOptions> access) : IConfigureNamedOptions<JwtBearerOptions>
{
    public void Configure(string? name, JwtBearerOptions options)
    {
        if (name == JwtBearerDefaults.AuthenticationScheme)
        {
            Configure(options);
        }
    }

    public void Configure(JwtBearerOptions options)
    {
        var jwt = access.Value.Jwt;
        if (!jwt.IsEnabled)
        {
            return;
        }

        options.MapInboundClaims = false;
        options.RequireHttpsMetadata = jwt.RequireHttpsJwks;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = jwt.Issuer,
            ValidAudience = jwt.Audience,
            ValidateAudience = !string.IsNullOrEmpty(jwt.Audience),
            IssuerSigningKeys = JwtSigningKeys.Read(jwt.SigningKeys),
            ClockSkew = jwt.ClockSkew,
            NameClaimType = jwt.SubjectClaim,
        };
        if (!string.IsNullOrEmpty(jwt.JwksUrl))
        {
            options.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
                jwt.JwksUrl, new JwksRetriever(), new HttpDocumentRetriever { RequireHttps = jwt.RequireHttpsJwks });
        }

        options.Events = new JwtBearerEvents
        {
            OnTokenValidated = context => AsCaller(context, jwt),
            // The kind of failure only: IdentityModel's messages may quote parts of the token.
            OnAuthenticationFailed = context =>
            {
                AccessDenials.Remember(context.HttpContext, $"The bearer token was refused ({context.Exception.GetType().Name}).");
                return Task.CompletedTask;
            },
        };
    }

    private static Task AsCaller(TokenValidatedContext context, JwtOptions jwt)
    {
        var token = context.Principal!;
        if (token.FindFirst(jwt.SubjectClaim)?.Value is not { Length: > 0 } subject)
        {
            var reason = $"The token has no `{jwt.SubjectClaim}` claim to name its caller.";
            AccessDenials.Remember(context.HttpContext, reason);
            context.Fail(reason);
            return Task.CompletedTask;
        }

        var texts = token.FindAll(jwt.GrantsClaim).Select(c => c.Value)
            .Concat(token.FindAll(jwt.GroupsClaim).SelectMany(c => jwt.GroupGrants.GetValueOrDefault(c.Value) ?? []));
        context.Principal = CallerClaims.Principal(
            JwtBearerDefaults.AuthenticationScheme, Core.Events.Actors.Token(subject), AccessGrants.FromTexts(texts).All);
        return Task.CompletedTask;
    }
}
