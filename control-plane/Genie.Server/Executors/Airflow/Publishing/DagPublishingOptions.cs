namespace Genie.Server.Executors.Airflow.Publishing;

/// <summary>Where generated DAG files go (section `Genie:Airflow:Publish`).</summary>
public sealed class DagPublishingOptions
{
    public const string Section = "Genie:Airflow:Publish";

    /// <summary>Which bundle kind to publish into; chooses the <see cref="IDagPublisher"/>.</summary>
    public DagBundleKind Kind { get; set; } = DagBundleKind.Folder;

    /// <summary>Folder bundle: the folder Airflow's LocalDagBundle reads. Relative to the working directory.</summary>
    public string Folder { get; set; } = ".genie/dags";

    /// <summary>S3 bundle: the bucket (required when <see cref="Kind"/> is S3).</summary>
    public string? Bucket { get; set; }

    /// <summary>S3 bundle: the key prefix, the S3DagBundle's `prefix`. A trailing `/` is added when missing.</summary>
    public string Prefix { get; set; } = "dags/";

    /// <summary>S3 bundle: an S3-compatible endpoint (MinIO, s3rver); null means AWS in <see cref="Region"/>.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>S3 bundle: the AWS region, also used to sign requests to <see cref="ServiceUrl"/>.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>S3 bundle: an access key; with <see cref="SecretKey"/> unset too, the SDK's default credential chain is used.</summary>
    public string? AccessKey { get; set; }

    /// <summary>S3 bundle: the secret key that goes with <see cref="AccessKey"/>.</summary>
    public string? SecretKey { get; set; }

    /// <summary>S3 bundle: address buckets as `host/bucket` rather than `bucket.host`, as most S3-compatible servers need.</summary>
    public bool ForcePathStyle { get; set; } = true;
}
