using System.Net;
using System.Text;
using Amazon.S3;
using Genie.Server.Executors.Airflow.Publishing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Genie.Server.Tests.Executors.Airflow.Publishing;

public sealed class S3DagPublisherTests(S3rverProcess s3) : IClassFixture<S3rverProcess>, IDisposable
{
    private readonly AmazonS3Client _reader = s3.CreateClient();

    public void Dispose() => _reader.Dispose();

    private S3DagPublisher PublisherUnder(string prefix) =>
        new(Options.Create(s3.OptionsWithPrefix(prefix)), NullLogger<S3DagPublisher>.Instance);

    private static string UniquePrefix() => $"dags-{Guid.NewGuid():N}/";

    private async Task<byte[]> ReadAsync(string key)
    {
        using var response = await _reader.GetObjectAsync(S3rverProcess.Bucket, key);
        using var body = new MemoryStream();
        await response.ResponseStream.CopyToAsync(body);
        return body.ToArray();
    }

    private async Task<bool> ExistsAsync(string key)
    {
        try
        {
            await _reader.GetObjectMetadataAsync(S3rverProcess.Bucket, key);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    [Fact]
    public async Task Publish_stores_the_source_byte_for_byte_under_the_prefix()
    {
        var prefix = UniquePrefix();
        using var publisher = PublisherUnder(prefix);
        // Big enough to span many SDK buffers, with multi-byte characters, so a mangled body cannot go unnoticed.
        var source = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"# line {i}: jöb ✓ 🚀\n"));

        await publisher.PublishAsync("genie__a.py", source, CancellationToken.None);

        (await ReadAsync(prefix + "genie__a.py")).ShouldBe(Encoding.UTF8.GetBytes(source));
    }

    [Fact]
    public async Task Publish_replaces_the_object()
    {
        var prefix = UniquePrefix();
        using var publisher = PublisherUnder(prefix);

        await publisher.PublishAsync("genie__a.py", "version = 1\n", CancellationToken.None);
        await publisher.PublishAsync("genie__a.py", "version = 22\n", CancellationToken.None);

        Encoding.UTF8.GetString(await ReadAsync(prefix + "genie__a.py")).ShouldBe("version = 22\n");
    }

    [Fact]
    public async Task Publish_of_identical_source_does_not_upload_again()
    {
        var prefix = UniquePrefix();
        using var publisher = PublisherUnder(prefix);
        await publisher.PublishAsync("genie__a.py", "same\n", CancellationToken.None);
        var first = await _reader.GetObjectMetadataAsync(S3rverProcess.Bucket, prefix + "genie__a.py");

        // Last-Modified has one-second resolution: wait past it so a second upload would show.
        await Task.Delay(TimeSpan.FromMilliseconds(1100));
        await publisher.PublishAsync("genie__a.py", "same\n", CancellationToken.None);

        var second = await _reader.GetObjectMetadataAsync(S3rverProcess.Bucket, prefix + "genie__a.py");
        second.LastModified.ShouldBe(first.LastModified);
    }

    [Fact]
    public async Task Delete_removes_the_object_and_a_second_delete_is_harmless()
    {
        var prefix = UniquePrefix();
        using var publisher = PublisherUnder(prefix);
        await publisher.PublishAsync("genie__a.py", "x = 1\n", CancellationToken.None);
        await publisher.PublishAsync("genie__b.py", "x = 2\n", CancellationToken.None);

        await publisher.DeleteAsync("genie__a.py", CancellationToken.None);
        await publisher.DeleteAsync("genie__a.py", CancellationToken.None);

        (await ExistsAsync(prefix + "genie__a.py")).ShouldBeFalse();
        (await ExistsAsync(prefix + "genie__b.py")).ShouldBeTrue();
    }

    [Theory]
    [InlineData("nested/dags", "nested/dags/")]
    [InlineData("/nested/dags/", "nested/dags/")]
    [InlineData("", "")]
    public async Task The_prefix_is_a_folder_of_the_bucket(string configured, string expected)
    {
        var unique = $"p{Guid.NewGuid():N}";
        var fileName = $"genie__{unique}.py";
        using var publisher = PublisherUnder(configured.Length == 0 ? "" : configured.Replace("nested", unique));

        await publisher.PublishAsync(fileName, "x = 1\n", CancellationToken.None);

        publisher.Prefix.ShouldBe(expected.Replace("nested", unique));
        (await ExistsAsync(publisher.Prefix + fileName)).ShouldBeTrue();
    }

    [Theory]
    [InlineData("../escape.py")]
    [InlineData("sub/escape.py")]
    [InlineData("escape.txt")]
    public async Task Bad_file_names_are_rejected(string name)
    {
        using var publisher = PublisherUnder(UniquePrefix());

        await Should.ThrowAsync<ArgumentException>(() => publisher.PublishAsync(name, "x = 1\n", CancellationToken.None));
        await Should.ThrowAsync<ArgumentException>(() => publisher.DeleteAsync(name, CancellationToken.None));
    }
}
