using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace Genie.Portal.Session;

/// <summary>
/// Sign-in through the identity provider: the authorization code flow (with PKCE) run by ASP.NET Core's OpenID Connect
/// handler. After it has redeemed the code and validated the id token, the access token goes to the
/// <see cref="TokenHandoff"/> instead of into a sign-in cookie, and the browser returns to the sign-in page, whose
/// circuit takes the token and presents it to Genie as a bearer JWT (the id token is meant for the portal itself:
/// its audience is the portal's client id, not Genie).
/// </summary>
public static class OidcSignIn
{
    /// <summary>Where the sign-in page sends the browser to start (a full page load: the handler answers with a redirect).</summary>
    public const string StartPath = "/signin/oidc";

    /// <summary>Where the provider sends the browser back with the code.</summary>
    public const string CallbackPath = "/signin/oidc/callback";

    private const string Scheme = OpenIdConnectDefaults.AuthenticationScheme;
    private const string ReturnUrlItem = "returnUrl";

    public static IServiceCollection AddOidcSignIn(this IServiceCollection services, PortalOidcOptions oidc)
    {
        services.AddSingleton<TokenHandoff>();
        services.AddAuthentication(options =>
            {
                // The cookie scheme is the handler's required sign-in scheme; no one is ever signed into it.
                options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.DefaultChallengeScheme = Scheme;
            })
            .AddCookie()
            .AddOpenIdConnect(Scheme, options =>
            {
                options.Authority = oidc.Authority!.ToString();
                options.ClientId = oidc.ClientId;
                options.ClientSecret = oidc.ClientSecret;
                options.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
                options.ResponseType = "code";
                // The code comes back in the query of a top-level redirect, so the Lax correlation cookies come with it.
                options.ResponseMode = "query";
                options.UsePkce = true;
                options.CallbackPath = CallbackPath;
                options.MapInboundClaims = false;
                options.SaveTokens = false;
                options.Scope.Clear();
                foreach (var scope in oidc.Scopes.Prepend("openid").Distinct(StringComparer.Ordinal))
                {
                    options.Scope.Add(scope);
                }

                options.CorrelationCookie.SameSite = SameSiteMode.Lax;
                options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.NonceCookie.SameSite = SameSiteMode.Lax;
                options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.Events = new OpenIdConnectEvents
                {
                    OnTokenValidated = HandOver,
                    OnRemoteFailure = context =>
                    {
                        // The provider's or the handler's message may quote what the browser sent; the page says what to do.
                        context.HandleResponse();
                        context.Response.Redirect("/signin?failed=true");
                        return Task.CompletedTask;
                    },
                };
            });
        return services;
    }

    /// <summary>Maps the start of a sign-in; `returnUrl` comes back to the sign-in page, which checks it before using it.</summary>
    public static WebApplication MapOidcSignIn(this WebApplication app)
    {
        app.MapGet(StartPath, (string? returnUrl) => Results.Challenge(
            new AuthenticationProperties(new Dictionary<string, string?> { [ReturnUrlItem] = returnUrl }), [Scheme]));
        return app;
    }

    private static Task HandOver(TokenValidatedContext context)
    {
        if (context.TokenEndpointResponse?.AccessToken is not { Length: > 0 } accessToken)
        {
            context.Fail("The identity provider issued no access token; ask it for one Genie accepts (see Genie:Portal:Oidc:Scopes).");
            return Task.CompletedTask;
        }

        var code = context.HttpContext.RequestServices.GetRequiredService<TokenHandoff>().Leave(accessToken);
        var returnUrl = context.Properties?.Items.TryGetValue(ReturnUrlItem, out var back) == true ? back : null;
        context.HandleResponse();
        context.Response.Redirect($"/signin?handoff={Uri.EscapeDataString(code)}" +
                                  (returnUrl is null ? "" : "&returnUrl=" + Uri.EscapeDataString(returnUrl)));
        return Task.CompletedTask;
    }
}
