using System.Text;
using Genie.Server.Executors.Airflow.Publishing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Genie.Server.Tests.Executors.Airflow.Publishing;

public sealed class FolderDagPublisherTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "genie-dags-" + Guid.NewGuid().ToString("N"));
    private readonly string _folder;
    private readonly FolderDagPublisher _publisher;

    public FolderDagPublisherTests()
    {
        _folder = Path.Combine(_root, "bundle", "dags");
        _publisher = new FolderDagPublisher(
            Options.Create(new DagPublishingOptions { Folder = _folder }), NullLogger<FolderDagPublisher>.Instance);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task Publish_creates_the_folder_and_writes_utf8_without_bom()
    {
        const string source = "# Jöb ✓ \"quoted\"\nfrom airflow.sdk import DAG\n";

        await _publisher.PublishAsync("genie__a.py", source, CancellationToken.None);

        var bytes = await File.ReadAllBytesAsync(Path.Combine(_folder, "genie__a.py"), CancellationToken.None);
        bytes.ShouldBe(Encoding.UTF8.GetBytes(source));
        bytes[0].ShouldBe((byte)'#');
    }

    [Fact]
    public async Task Publish_replaces_the_file_and_leaves_no_temp_files()
    {
        await _publisher.PublishAsync("genie__a.py", "version = 1\n", CancellationToken.None);
        await _publisher.PublishAsync("genie__a.py", "version = 2\n", CancellationToken.None);

        (await File.ReadAllTextAsync(Path.Combine(_folder, "genie__a.py"), CancellationToken.None)).ShouldBe("version = 2\n");
        Directory.GetFiles(_folder).Select(Path.GetFileName).ShouldBe(["genie__a.py"]);
    }

    [Fact]
    public async Task Publish_of_identical_source_does_not_touch_the_file()
    {
        var path = Path.Combine(_folder, "genie__a.py");
        await _publisher.PublishAsync("genie__a.py", "same\n", CancellationToken.None);
        var old = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, old);

        await _publisher.PublishAsync("genie__a.py", "same\n", CancellationToken.None);

        File.GetLastWriteTimeUtc(path).ShouldBe(old);
    }

    [Fact]
    public async Task Publish_cancelled_leaves_neither_a_file_nor_a_temp_file()
    {
        Directory.CreateDirectory(_folder);

        await Should.ThrowAsync<OperationCanceledException>(() => _publisher.PublishAsync("genie__a.py", "x = 1\n", new CancellationToken(canceled: true)));

        Directory.GetFiles(_folder).ShouldBeEmpty();
    }

    [Fact]
    public async Task Delete_removes_the_file_and_a_second_delete_is_harmless()
    {
        await _publisher.PublishAsync("genie__a.py", "x = 1\n", CancellationToken.None);
        await _publisher.PublishAsync("genie__b.py", "x = 2\n", CancellationToken.None);

        await _publisher.DeleteAsync("genie__a.py", CancellationToken.None);
        await _publisher.DeleteAsync("genie__a.py", CancellationToken.None);

        Directory.GetFiles(_folder).Select(Path.GetFileName).ShouldBe(["genie__b.py"]);
    }

    [Fact]
    public async Task Delete_in_a_folder_that_does_not_exist_is_harmless() =>
        await _publisher.DeleteAsync("genie__a.py", CancellationToken.None);

    [Theory]
    [InlineData("../escape.py")]
    [InlineData("sub/escape.py")]
    [InlineData("escape.txt")]
    [InlineData(".escape.py")]
    public async Task Bad_file_names_are_rejected_before_anything_is_written(string name)
    {
        await Should.ThrowAsync<ArgumentException>(() => _publisher.PublishAsync(name, "x = 1\n", CancellationToken.None));
        await Should.ThrowAsync<ArgumentException>(() => _publisher.DeleteAsync(name, CancellationToken.None));

        Directory.Exists(_root).ShouldBeFalse();
    }

    [Fact]
    public async Task A_reader_only_ever_sees_one_whole_version()
    {
        const int size = 5 * 1024 * 1024;
        const int publishes = 24;
        var path = Path.Combine(_folder, "genie__big.py");
        // Each version is one repeated character, so any mix or truncation shows up in a single read.
        string VersionOf(int i) => new((char)('a' + i % 2), size);
        await _publisher.PublishAsync("genie__big.py", VersionOf(0), CancellationToken.None);

        using var writerDone = new CancellationTokenSource();
        var reader = Task.Run(async () =>
        {
            var reads = 0;
            while (!writerDone.IsCancellationRequested)
            {
                var bytes = await File.ReadAllBytesAsync(path, CancellationToken.None);
                bytes.Length.ShouldBe(size);
                bytes.AsSpan().IndexOfAnyExcept(bytes[0]).ShouldBe(-1);
                reads++;
            }

            return reads;
        }, CancellationToken.None);

        for (var i = 1; i <= publishes; i++)
        {
            await _publisher.PublishAsync("genie__big.py", VersionOf(i), CancellationToken.None);
        }

        await writerDone.CancelAsync();
        (await reader).ShouldBeGreaterThan(0);
        (await File.ReadAllTextAsync(path, CancellationToken.None)).ShouldBe(VersionOf(publishes));
    }
}
