using Genie.Server.Housekeeping;
using Genie.Server.Telemetry;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Common;
using Microsoft.Extensions.Options;

namespace Genie.Server.Scheduling;

/// <summary>
/// Starts Hangfire once the database is up (hosted through AfterDatabase): registers the housekeeping jobs,
/// brings every schedule in line with the specs, then starts this replica's Hangfire server. With scheduling
/// disabled no server runs: this replica still manages schedules through the API but fires nothing, leaving
/// that to the others in the cluster.
/// </summary>
public sealed class SchedulerHost(
    JobStorage storage,
    ScheduleSync sync,
    HousekeepingSchedule housekeeping,
    IServiceScopeFactory scopes,
    HangfireJobOutcomes outcomes,
    IOptions<SchedulingOptions> options,
    ILogger<SchedulerHost> logger) : IHostedService
{
    private BackgroundJobServer? _server;
    private readonly Lock _gate = new();
    private Task? _stopped;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        housekeeping.Register();
        await sync.SyncAllAsync(cancellationToken);
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        _server = new BackgroundJobServer(new BackgroundJobServerOptions
        {
            WorkerCount = settings.WorkerCount,
            SchedulePollingInterval = settings.PollInterval,
            // Jobs are built from this host's container, not Hangfire's process-wide activator: tests run several hosts.
            Activator = new AspNetCoreJobActivator(scopes),
            // Likewise the outcome counter is this host's, beside the process-wide filters.
            FilterProvider = new JobFilterProviderCollection(JobFilterProviders.Providers, new JobFilterCollection { outcomes }),
        }, storage);
        logger.LogInformation("Hangfire server started with {Workers} worker(s), polling every {Interval}", settings.WorkerCount, settings.PollInterval);
    }

    /// <summary>
    /// Stops the server once, however often it is asked: the host can stop its services twice (the stopping caller
    /// and the app's own run loop), and a second caller returning early would let the container and the data source
    /// be disposed under jobs still finishing. A job in flight sees its cancellation token fire; one cut short goes
    /// back to the queue and runs again, which a tick's idempotency key makes harmless.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _stopped ??= _server is { } server ? StopServerAsync(server) : Task.CompletedTask;
        }

        return _stopped.WaitAsync(cancellationToken);
    }

    private static async Task StopServerAsync(BackgroundJobServer server)
    {
        server.SendStop();
        await server.WaitForShutdownAsync(CancellationToken.None);
        server.Dispose();
    }
}
