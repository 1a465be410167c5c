using Amazon;
using Amazon.Runtime;
using Amazon.S3;

namespace Genie.Server.Executors.Airflow.Publishing;

/// <summary>Builds the S3 client for the DAG bucket from <see cref="DagPublishingOptions"/>.</summary>
internal static class DagBucketClient
{
    public static AmazonS3Client Create(DagPublishingOptions options)
    {
        var config = new AmazonS3Config { ForcePathStyle = options.ForcePathStyle };
        if (string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }
        else
        {
            config.ServiceURL = options.ServiceUrl;
            config.AuthenticationRegion = options.Region;
        }

        if (string.IsNullOrEmpty(options.AccessKey) && string.IsNullOrEmpty(options.SecretKey))
        {
            // Environment, profile, web identity or instance role: whatever the SDK finds where Genie runs.
            return new AmazonS3Client(config);
        }

        return new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);
    }

    /// <summary>The prefix as the S3DagBundle lists it: no leading `/`, and a trailing `/` unless empty.</summary>
    public static string NormalizePrefix(string? prefix)
    {
        var trimmed = (prefix ?? "").TrimStart('/');
        return trimmed.Length == 0 || trimmed.EndsWith('/') ? trimmed : trimmed + "/";
    }
}
