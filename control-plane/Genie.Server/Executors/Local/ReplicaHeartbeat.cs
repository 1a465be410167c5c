using Genie.Server.Store;
using Microsoft.Extensions.Options;

namespace Genie.Server.Executors.Local;

/// <summary>
/// Keeps this replica's row in `replicas` fresh, so the others know its attempts are watched; and at each beat settles
/// the attempts of replicas that stopped beating (<see cref="LocalRecovery"/>), so a dead replica's runs move on
/// without waiting for it to come back.
/// </summary>
public sealed class ReplicaHeartbeat(
    ReplicaStore replicas,
    LocalReplica replica,
    LocalRecovery recovery,
    IOptions<LocalExecutorOptions> options,
    TimeProvider time,
    ILogger<ReplicaHeartbeat> logger)
{
    /// <summary>The first beat of this process: before it settles its own earlier attempts or starts new ones.</summary>
    public Task StartAsync(CancellationToken cancellationToken) =>
        replicas.BeatAsync(replica.Id, replica.Host, options.Value.Slots, time.GetUtcNow(), starting: true, cancellationToken);

    /// <summary>Beats until <paramref name="stoppingToken"/> fires; a failed beat is logged and the next one tried.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.HeartbeatInterval, time, stoppingToken);
                await replicas.BeatAsync(replica.Id, replica.Host, options.Value.Slots, time.GetUtcNow(), starting: false, stoppingToken);
                await recovery.RecoverAsync(ownToo: false, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("A heartbeat of replica {Replica} failed ({Reason}); trying again", replica.Id, e.Message);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
