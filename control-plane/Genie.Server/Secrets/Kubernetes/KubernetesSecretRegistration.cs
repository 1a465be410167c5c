using Genie.Server.Housekeeping;
using Microsoft.Extensions.Options;
using k8s;

namespace Genie.Server.Secrets.Kubernetes;

/// <summary>Adds the Kubernetes copy of the secrets when `Genie:Kubernetes` says how to reach a cluster; otherwise nothing.</summary>
public static class KubernetesSecretRegistration
{
    public static WebApplicationBuilder AddKubernetesSecretSync(this WebApplicationBuilder builder)
    {
        if (!KubernetesOptions.IsConfigured(builder.Configuration))
        {
            return builder;
        }

        var services = builder.Services;
        services.Configure<KubernetesOptions>(builder.Configuration.GetSection(KubernetesOptions.Section));
        services.AddSingleton<IKubernetes>(sp => new k8s.Kubernetes(ClientConfiguration(sp.GetRequiredService<IOptions<KubernetesOptions>>().Value)));
        services.AddSingleton<KubernetesSecretSync>();
        services.AddSingleton<ISecretSync>(sp => sp.GetRequiredService<KubernetesSecretSync>());
        services.AddSingleton<IHousekeepingTask, KubernetesSecretReconcile>();
        return builder;
    }

    private static KubernetesClientConfiguration ClientConfiguration(KubernetesOptions options)
    {
        var ways = new[] { !string.IsNullOrWhiteSpace(options.ApiUrl), !string.IsNullOrWhiteSpace(options.Kubeconfig), options.InCluster }.Count(w => w);
        if (ways != 1)
        {
            throw new InvalidOperationException(
                $"Configure exactly one of {KubernetesOptions.Section}:ApiUrl, :Kubeconfig and :InCluster (found {ways}).");
        }

        var configuration = options.InCluster
            ? KubernetesClientConfiguration.InClusterConfig()
            : options.Kubeconfig is { Length: > 0 } path
                ? KubernetesClientConfiguration.BuildConfigFromConfigFile(path, string.IsNullOrWhiteSpace(options.Context) ? null : options.Context)
                : new KubernetesClientConfiguration { Host = options.ApiUrl, AccessToken = options.AccessToken };
        configuration.HttpClientTimeout = options.RequestTimeout;
        return configuration;
    }
}
