using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Genie.Server.Executors.Local;

/// <summary>
/// Who this server is among the replicas sharing a database: the owner recorded on every local attempt it starts.
/// The id is stable across restarts (the host and the data dir, unless configured), so a restarted server knows the
/// attempts of its previous life as its own and settles them at once, without waiting for a heartbeat to go stale.
/// </summary>
public sealed class LocalReplica(IOptions<LocalExecutorOptions> options, IOptions<GenieOptions> genie)
{
    public string Host { get; } = Environment.MachineName;

    public string Id => _id ??= options.Value.ReplicaId is { Length: > 0 } configured ? configured : DefaultId();

    private string? _id;

    private string DefaultId()
    {
        var dataDir = SHA256.HashData(Encoding.UTF8.GetBytes(genie.Value.DataDirFullPath));
        return $"{Host}/{Convert.ToHexStringLower(dataDir)[..12]}";
    }
}
