namespace Genie.Server.Executors.Airflow.Publishing;

/// <summary>Puts generated DAG files where Airflow's DAG bundle reads them, and takes them away again.</summary>
public interface IDagPublisher
{
    /// <summary>Writes (or replaces) one DAG file. Readers see either the old file or the whole new one, never a part.</summary>
    /// <param name="fileName">A bare file name ending in `.py`; see <see cref="DagFileName"/>.</param>
    /// <param name="source">The Python source, stored as UTF-8 without a byte order mark.</param>
    Task PublishAsync(string fileName, string source, CancellationToken ct);

    /// <summary>Removes one DAG file; removing a file that is not there is not an error.</summary>
    Task DeleteAsync(string fileName, CancellationToken ct);
}
