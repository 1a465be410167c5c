using System.Text;
using Microsoft.Extensions.Options;

namespace Genie.Server.Executors.Airflow.Publishing;

/// <summary>Publishes DAG files into a folder that Airflow reads with a LocalDagBundle.</summary>
/// <remarks>
/// Each publish writes a temp file next to the target, flushes it to disk and renames it over the target.
/// The rename is atomic on one file system, so Airflow's DAG processor (which may parse the file at any
/// moment) sees the old version or the whole new one, never a half-written file.
/// </remarks>
public sealed class FolderDagPublisher(IOptions<DagPublishingOptions> options, ILogger<FolderDagPublisher> logger) : IDagPublisher
{
    /// <summary>The folder, as an absolute path.</summary>
    public string Folder { get; } = Path.GetFullPath(options.Value.Folder);

    public async Task PublishAsync(string fileName, string source, CancellationToken ct)
    {
        DagFileName.Validate(fileName);
        var content = Encoding.UTF8.GetBytes(source);
        var target = Path.Combine(Folder, fileName);

        // Rewriting an identical file would only bump its mtime and make Airflow parse it again.
        if (await HasContentAsync(target, content, ct))
        {
            logger.LogDebug("DAG file {File} in {Folder} is unchanged", fileName, Folder);
            return;
        }

        Directory.CreateDirectory(Folder);
        // Dot-prefixed and not ending in .py: Airflow's bundle listing never picks the temp file up.
        var temp = Path.Combine(Folder, $".{fileName}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous))
            {
                await stream.WriteAsync(content, ct);
                // fsync before the rename: after a crash the target holds either version, not an empty file.
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, target, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }

        logger.LogInformation("Published DAG file {File} to {Folder}", fileName, Folder);
    }

    public Task DeleteAsync(string fileName, CancellationToken ct)
    {
        DagFileName.Validate(fileName);
        ct.ThrowIfCancellationRequested();
        var target = Path.Combine(Folder, fileName);
        if (File.Exists(target))
        {
            File.Delete(target);
            logger.LogInformation("Deleted DAG file {File} from {Folder}", fileName, Folder);
        }

        return Task.CompletedTask;
    }

    private static async Task<bool> HasContentAsync(string path, byte[] content, CancellationToken ct)
    {
        var existing = new FileInfo(path);
        if (!existing.Exists || existing.Length != content.Length)
        {
            return false;
        }

        try
        {
            var current = await File.ReadAllBytesAsync(path, ct);
            return current.AsSpan().SequenceEqual(content);
        }
        catch (FileNotFoundException)
        {
            // Deleted between the check and the read: it has to be written.
            return false;
        }
    }
}
