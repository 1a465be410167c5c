using Genie.Server.Store;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Genie.Server.Access;

/// <summary>Adds authentication (API keys, JWT bearer tokens, the Airflow listener's token), the policies, and the bootstrap key.</summary>
public static class AccessRegistration
{
    public static WebApplicationBuilder AddAccess(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var section = builder.Configuration.GetSection(AccessOptions.Section);
        services.Configure<AccessOptions>(section);
        var jwtEnabled = section.Get<AccessOptions>()?.Jwt.IsEnabled ?? false;

        services.AddSingleton<ApiKeyDirectory>();
        services.AddSingleton<ApiKeys>();
        services.AddSingleton<BootstrapKey>();
        services.AddHostedService<AfterDatabase<BootstrapKey>>();

        var authentication = services.AddAuthentication(CallerScheme.Name)
            .AddPolicyScheme(CallerScheme.Name, "Genie API key or bearer token",
                options => options.ForwardDefaultSelector = context => CallerScheme.Select(context, jwtEnabled))
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, AirflowListenerAuthentication>(AirflowListenerAuthentication.SchemeName, null);
        if (jwtEnabled)
        {
            authentication.AddJwtBearer();
            services.AddSingleton<IConfigureOptions<JwtBearerOptions>, JwtBearerSetup>();
        }

        services.AddAuthorization(AccessPolicies.Add);
        services.AddSingleton<IAuthorizationHandler, NamespaceRoleHandler>();
        services.AddSingleton<IAuthorizationHandler, ClusterAdminRequirement>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, AccessDenials>();
        return builder;
    }

    /// <summary>Authentication runs before the rate limiter (which counts per caller) and authorization after routing.</summary>
    public static WebApplication UseAccess(this WebApplication app)
    {
        app.UseAuthentication();
        return app;
    }
}
