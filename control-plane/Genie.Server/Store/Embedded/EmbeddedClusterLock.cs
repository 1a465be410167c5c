namespace Genie.Server.Store.Embedded;

/// <summary>
/// Held by the Genie server that runs a data dir's embedded cluster, for as long as it runs. Without it a
/// second Genie started on the same data dir (a second `make run`) would attach to the first one's cluster
/// and stop it under the first when it exits, or fails to start. It is an advisory lock on a file in the
/// data dir (.NET locks a file opened with <see cref="FileShare.None"/>), so the system drops it when the
/// process dies, even by kill -9, and a restart after a crash still attaches to the cluster left running.
/// </summary>
public sealed class EmbeddedClusterLock : IDisposable
{
    private const string FileName = "genie.lock";

    // flock's EWOULDBLOCK, which .NET reports as the IOException's HResult when another process holds the lock.
    private const int WouldBlock = 11;

    private readonly FileStream _file;

    private EmbeddedClusterLock(FileStream file) => _file = file;

    /// <summary>Takes the data dir's lock, or fails with what to do when another Genie holds it.</summary>
    public static EmbeddedClusterLock Acquire(string dataDir)
    {
        var fullPath = Path.GetFullPath(dataDir);
        Directory.CreateDirectory(fullPath);
        var path = Path.Combine(fullPath, FileName);
        try
        {
            return new EmbeddedClusterLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException e) when (e.HResult == WouldBlock)
        {
            throw new EmbeddedPostgresException(
                $"Another Genie is running with the data dir {fullPath} and its embedded PostgreSQL: stop that one first, " +
                "or start this one with another Genie:DataDir.");
        }
    }

    public void Dispose() => _file.Dispose();
}
