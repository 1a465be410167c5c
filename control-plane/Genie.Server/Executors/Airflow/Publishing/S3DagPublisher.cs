using System.Net;
using System.Security.Cryptography;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;

namespace Genie.Server.Executors.Airflow.Publishing;

/// <summary>Publishes DAG files as objects under a prefix of a bucket that Airflow reads with an S3DagBundle.</summary>
/// <remarks>A PUT replaces an object atomically, so the bundle's sync downloads either version whole.</remarks>
public sealed class S3DagPublisher : IDagPublisher, IDisposable
{
    private readonly AmazonS3Client _client;
    private readonly ILogger<S3DagPublisher> _logger;

    public S3DagPublisher(IOptions<DagPublishingOptions> options, ILogger<S3DagPublisher> logger)
    {
        var value = options.Value;
        if (string.IsNullOrWhiteSpace(value.Bucket))
        {
            throw new InvalidOperationException($"{DagPublishingOptions.Section}:Bucket is required to publish DAGs to S3.");
        }

        Bucket = value.Bucket;
        Prefix = DagBucketClient.NormalizePrefix(value.Prefix);
        _client = DagBucketClient.Create(value);
        _logger = logger;
    }

    /// <summary>The bucket the files go to.</summary>
    public string Bucket { get; }

    /// <summary>The normalized key prefix (empty or ending in `/`).</summary>
    public string Prefix { get; }

    /// <summary>The object key of a DAG file.</summary>
    public string KeyOf(string fileName) => Prefix + fileName;

    public async Task PublishAsync(string fileName, string source, CancellationToken ct)
    {
        DagFileName.Validate(fileName);
        var content = Encoding.UTF8.GetBytes(source);
        var key = KeyOf(fileName);

        // The bundle re-downloads objects whose timestamp moved, and Airflow then parses them again.
        if (await HasContentAsync(key, content, ct))
        {
            _logger.LogDebug("DAG object s3://{Bucket}/{Key} is unchanged", Bucket, key);
            return;
        }

        using var body = new MemoryStream(content, writable: false);
        await _client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = Bucket,
            Key = key,
            InputStream = body,
            ContentType = "text/x-python; charset=utf-8",
            // aws-chunked bodies are stored verbatim (chunk headers included) by S3-compatible servers such as s3rver.
            UseChunkEncoding = false,
        }, ct);
        _logger.LogInformation("Published DAG object s3://{Bucket}/{Key}", Bucket, key);
    }

    public async Task DeleteAsync(string fileName, CancellationToken ct)
    {
        DagFileName.Validate(fileName);
        var key = KeyOf(fileName);
        await _client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = Bucket, Key = key }, ct);
        _logger.LogInformation("Deleted DAG object s3://{Bucket}/{Key}", Bucket, key);
    }

    public void Dispose() => _client.Dispose();

    private async Task<bool> HasContentAsync(string key, byte[] content, CancellationToken ct)
    {
        GetObjectMetadataResponse metadata;
        try
        {
            metadata = await _client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = Bucket, Key = key }, ct);
        }
        // Without s3:ListBucket, S3 answers 403 instead of 404 for a missing key; either way, upload.
        catch (AmazonS3Exception e) when (e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
        {
            return false;
        }

        // A single-part, unencrypted (or SSE-S3) object's ETag is the MD5 of its body; any other ETag
        // never matches, which only costs an upload.
        var md5 = Convert.ToHexStringLower(MD5.HashData(content));
        return metadata.ContentLength == content.Length
            && string.Equals(metadata.ETag?.Trim('"'), md5, StringComparison.OrdinalIgnoreCase);
    }
}
