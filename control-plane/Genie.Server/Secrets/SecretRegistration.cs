using Genie.Server.Secrets.Kubernetes;
using Genie.Server.Store;
using Microsoft.Extensions.Options;

namespace Genie.Server.Secrets;

/// <summary>Adds the secrets: their key ring, cipher, vault, the key rotation pass at start and, when configured, their Kubernetes copy.</summary>
public static class SecretRegistration
{
    public static WebApplicationBuilder AddSecrets(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<SecretOptions>(builder.Configuration.GetSection(SecretOptions.Section));
        services.AddSingleton(sp => SecretKeyRing.Load(
            sp.GetRequiredService<IOptions<SecretOptions>>().Value, sp.GetRequiredService<IOptions<GenieOptions>>().Value.DataDirFullPath));
        services.AddSingleton<SecretCipher>();
        services.AddSingleton<SecretVault>();
        services.AddSingleton<SecretReferenceCheck>();
        services.AddSingleton<SecretEnvironment>();
        services.AddSingleton<SecretKeyStartup>();
        services.AddHostedService<AfterDatabase<SecretKeyStartup>>();
        return builder.AddKubernetesSecretSync();
    }
}
