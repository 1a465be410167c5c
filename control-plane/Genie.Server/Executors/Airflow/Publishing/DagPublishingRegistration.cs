using Microsoft.Extensions.Options;

namespace Genie.Server.Executors.Airflow.Publishing;

/// <summary>Registers <see cref="IDagPublisher"/>: the folder or the S3 publisher, as `Genie:Airflow:Publish:Kind` says.</summary>
public static class DagPublishingRegistration
{
    public static IServiceCollection AddDagPublishing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DagPublishingOptions>()
            .Bind(configuration.GetSection(DagPublishingOptions.Section))
            .Validate(o => o.Kind != DagBundleKind.S3 || !string.IsNullOrWhiteSpace(o.Bucket),
                $"{DagPublishingOptions.Section}:Bucket is required when Kind is S3.")
            .Validate(o => o.Kind != DagBundleKind.Folder || !string.IsNullOrWhiteSpace(o.Folder),
                $"{DagPublishingOptions.Section}:Folder is required when Kind is Folder.");

        // Only the chosen publisher is built, so a folder setup never needs AWS settings.
        services.AddSingleton<IDagPublisher>(sp => sp.GetRequiredService<IOptions<DagPublishingOptions>>().Value.Kind switch
        {
            DagBundleKind.Folder => ActivatorUtilities.CreateInstance<FolderDagPublisher>(sp),
            DagBundleKind.S3 => ActivatorUtilities.CreateInstance<S3DagPublisher>(sp),
            var kind => throw new InvalidOperationException($"Unknown DAG bundle kind {kind}."),
        });
        return services;
    }
}
