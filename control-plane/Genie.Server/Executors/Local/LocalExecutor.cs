using System.Collections.Concurrent;
using System.Text.Json;
using Genie.Core.Runs;
using Genie.Core.Specs;
using Genie.Core.Events;
using Genie.Server.Health;
using Genie.Server.Runs;
using Genie.Server.Runs.Transitions;
using Genie.Server.Store;
using Microsoft.Extensions.Options;

namespace Genie.Server.Executors.Local;

/// <summary>
/// Genie's embedded executor: admits queued runs, advances running ones and runs their task attempts as
/// host processes in a bounded pool of slots, highest priority first. It wakes on <see cref="RunSignal"/>
/// (a finished attempt hands off to its successors within one pass) and polls as a safety net.
/// </summary>
public sealed class LocalExecutor(
    StateChanger changer,
    RunStore runs,
    RunQueueStore queue,
    TaskInstanceStore instances,
    AttemptStore attempts,
    RunAdmission admission,
    RunProgression progression,
    AttemptCompletion completion,
    LocalRecovery recovery,
    ReplicaHeartbeat heartbeat,
    LocalReplica replica,
    JobPlans plans,
    RunSignal signal,
    IOptions<LocalExecutorOptions> options,
    IOptions<GenieOptions> genie,
    TimeProvider time,
    ILogger<LocalExecutor> logger) : BackgroundService
{
    private static readonly string Executor = ExecutorCatalog.NameOf(ExecutorKind.Local);

    /// <summary>The shortest gap between two sweeps asked for by wake-ups; a timer pass always sweeps.</summary>
    private static readonly TimeSpan MinSweepSpacing = TimeSpan.FromMilliseconds(200);
    private readonly ConcurrentDictionary<AttemptKey, TaskProcess> _running = new();
    private readonly RunSignal.Listener _wake = signal.Listen();
    private volatile bool _stopping;

    /// <summary>
    /// When the last pass that looked at everything began. What fell due before it was handled then or has to
    /// wait for a change (a run blocked by its concurrency limit), which wakes the executor; only what falls due
    /// later shortens its sleep, so a blocked run cannot make it spin.
    /// </summary>
    private DateTimeOffset _lookedAtEverythingAt = DateTimeOffset.MinValue;

    /// <summary>
    /// When advancing every running run last ended, how long it took, and whether a wake-up asked for it since.
    /// That sweep costs a transaction per active run; a wake-up for everything comes with every trigger and
    /// every finished run, so under a backlog of hundreds of runs, sweeping on each one made the executor spend
    /// nearly all its time re-reading runs that had not changed. Sweeps are spaced instead (see <see cref="MinSweepSpacing"/>).
    /// </summary>
    private DateTimeOffset _sweptAt = DateTimeOffset.MinValue;
    private TimeSpan _sweepDuration;
    private bool _sweepOwed;

    /// <summary>Attempts whose process is running right now.</summary>
    public int RunningAttempts => _running.Count;

    /// <summary>The loop's name in logs and in `/readyz`.</summary>
    public const string LoopName = "local-executor";

    /// <summary>
    /// Every step runs inside <see cref="SupervisedLoop"/>, recovery and computing the next wake-up included: a database
    /// blip fails a round, which runs again once the database answers, instead of ending the loop for good.
    /// </summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var recovered = false;
        var everything = true;
        var beating = heartbeat.RunAsync(stoppingToken);
        await new SupervisedLoop(LoopName, logger, time).RunAsync(
            async cancellationToken =>
            {
                // Recovery settles attempts of an earlier process; it must succeed once before any attempt of ours
                // starts, and never run again (it would take our own running attempts for orphans).
                if (!recovered)
                {
                    await heartbeat.StartAsync(cancellationToken);
                    await recovery.RecoverAsync(ownToo: true, cancellationToken);
                    recovered = true;
                }

                // Until a pass completes, the next one looks at everything: a failed pass may have taken wake-ups
                // (the runs that changed) it did not get to handle.
                var timerPass = everything;
                everything = true;
                await PassAsync(timerPass, cancellationToken);
            },
            async cancellationToken => everything = !await _wake.WaitAsync(await SleepTimeAsync(cancellationToken), cancellationToken),
            stoppingToken);
        await beating;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Attempts stopped by a shutdown are left running in the database: the next start's recovery
        // fails them and the retry policy decides, exactly as after a crash.
        _stopping = true;
        foreach (var process in _running.Values)
        {
            process.Cancel("Genie is shutting down");
        }

        await base.StopAsync(cancellationToken);
        await Task.WhenAny(Task.WhenAll(_running.Values.Select(p => p.Completion)), Task.Delay(options.Value.KillGrace + TimeSpan.FromSeconds(1), time));
    }

    private async Task PassAsync(bool timerPass, CancellationToken cancellationToken)
    {
        var (changedRuns, everything) = _wake.TakeChanges();
        everything |= timerPass;
        var toAdvance = new HashSet<Guid>(changedRuns);
        if (everything)
        {
            var passStart = time.GetUtcNow();
            toAdvance.UnionWith(await admission.AdmitDueAsync(Executor, cancellationToken));
            _lookedAtEverythingAt = passStart;
            _sweepOwed = true;
        }

        // Runs that changed, or were just admitted, are advanced at once; the rest only need a periodic look
        // (a resumed or retried run, deadlines), which at most waits for the sweep spacing.
        var sweepStart = time.GetUtcNow();
        var sweep = timerPass || (_sweepOwed && sweepStart - _sweptAt >= SweepSpacing);
        if (sweep)
        {
            toAdvance.UnionWith(await queue.RunIdsInStateAsync(Executor, RunState.Running, cancellationToken));

            // Only to enforce their deadlines: a suspended run starts nothing, but its timeout still applies.
            toAdvance.UnionWith(await queue.RunIdsInStateAsync(Executor, RunState.Suspended, cancellationToken));
        }

        foreach (var runId in toAdvance)
        {
            await progression.AdvanceAsync(runId, cancellationToken);
        }

        if (sweep)
        {
            _sweptAt = time.GetUtcNow();
            _sweepDuration = _sweptAt - sweepStart;
            _sweepOwed = false;
        }

        await StopCancelledAttemptsAsync(everything ? null : toAdvance, cancellationToken);
        await DispatchAsync(cancellationToken);
    }

    // A sweep that took long is spaced further apart, so sweeping never takes more than about a third of the loop.
    private TimeSpan SweepSpacing => _sweepDuration * 2 > MinSweepSpacing ? _sweepDuration * 2 : MinSweepSpacing;

    /// <summary>Processes whose instance is no longer running in the database (cancelled, timed-out run) are stopped.</summary>
    private async Task StopCancelledAttemptsAsync(IReadOnlySet<Guid>? onlyRuns, CancellationToken cancellationToken)
    {
        var candidates = _running.Keys.Where(k => onlyRuns is null || onlyRuns.Contains(k.RunId)).ToList();
        if (candidates.Count == 0)
        {
            return;
        }

        var live = await instances.RunningAsync(candidates.Select(k => k.RunId).Distinct().ToArray(), cancellationToken);
        foreach (var key in candidates.Where(k => !live.Contains(k)))
        {
            if (_running.TryGetValue(key, out var process))
            {
                process.Cancel("the run was cancelled or ended");
            }
        }
    }

    private async Task DispatchAsync(CancellationToken cancellationToken)
    {
        var free = options.Value.Slots - _running.Count;
        if (free <= 0)
        {
            return;
        }

        foreach (var (runId, task, index) in await queue.DispatchOrderAsync(Executor, free, cancellationToken))
        {
            await StartAttemptAsync(runId, task, index, cancellationToken);
        }
    }

    private async Task StartAttemptAsync(Guid runId, string task, int index, CancellationToken cancellationToken)
    {
        var directory = RunDirectory.Of(genie.Value.DataDirFullPath, runId);
        var started = await changer.RunAsync(Actors.Executor, async tx =>
        {
            var run = await runs.LockAsync(tx.Transaction, runId, cancellationToken);
            var instance = run is { State: "running" } ? await instances.GetAsync(tx.Transaction, runId, task, index, cancellationToken) : null;
            if (run is null || instance is not { TaskState: TaskState.Queued })
            {
                return ((RunRecord Run, int Attempt)?)null;
            }

            var attempt = await tx.StartAttemptAsync(run, instance, n => directory.LogPath(task, index, n), replica.Id, cancellationToken);
            return ((RunRecord Run, int Attempt)?)(run, attempt);
        }, cancellationToken);
        if (started is not { } begun)
        {
            return;
        }

        var key = new AttemptKey(runId, task, index, begun.Attempt);
        var plan = await plans.GetAsync(begun.Run.JobId, begun.Run.JobVersion, cancellationToken);
        var resolved = plan.Tasks[task];
        var parameters = ParamResolver.FromJson(plan.Definition.Spec.Params,
            JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(begun.Run.Params)).Values ?? new Dictionary<string, ParamValue>();
        var invocation = TaskInvocation.For(resolved, parameters, new TaskInvocation.Context(
            runId.ToString(), begun.Run.Namespace, begun.Run.JobName, begun.Attempt, index, resolved.Task.Replicas));
        var logPath = directory.LogPath(task, index, begun.Attempt);
        Directory.CreateDirectory(directory.WorkingDirectory);

        TaskProcess process;
        try
        {
            process = TaskProcess.Start(new ProcessLaunch(invocation.Argv, invocation.Environment, directory.WorkingDirectory,
                logPath, RunDirectory.ExitCodePath(logPath), resolved.Task.Timeout, options.Value.KillGrace), time);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            changer.Apply(await completion.RecordAsync(key, new ProcessOutcome(ProcessEnd.LaunchFailed, null, $"could not start: {e.Message}"), cancellationToken));
            return;
        }

        _running[key] = process;
        if (options.Value.CrashAfterProcessStart)
        {
            // The fault point of the crash-safety test: die as `kill -9` would, between the fork and the pid's row.
            logger.LogCritical("CrashAfterProcessStart is set: killing this server after starting {Attempt}", key);
            System.Diagnostics.Process.GetCurrentProcess().Kill();
        }

        // Watched before anything else can fail: the pid's row is a convenience (the wrapper's pid file is the record
        // recovery relies on), and a database blip here must not leave a running process unwatched.
        _ = WatchAsync(key, process);
        if (process.Pid > 0)
        {
            try
            {
                await attempts.SetPidAsync(key, process.Pid, cancellationToken);
            }
            catch (Exception e) when (DatabaseOutage.Is(e))
            {
                logger.LogWarning("Could not record the pid of {Attempt} ({Reason}); its pid file has it", key, DatabaseOutage.Describe(e));
            }
        }
    }

    private async Task WatchAsync(AttemptKey key, TaskProcess process)
    {
        var outcome = await process.Completion;
        process.Dispose();
        StateEffects? effects = null;
        try
        {
            if (!_stopping)
            {
                effects = await RecordAsync(key, outcome);
            }
        }
        finally
        {
            // The slot is freed only once the attempt's end is recorded, so the database never shows more attempts
            // running than there are slots; the wake-up comes after, so the pass it starts can hand the slot on at once.
            _running.TryRemove(key, out _);
            if (effects is not null)
            {
                changer.Apply(effects);
            }
            else
            {
                signal.Wake(key.RunId);
            }
        }
    }

    private async Task<StateEffects> RecordAsync(AttemptKey key, ProcessOutcome outcome)
    {
        // The database may blip; an attempt left unrecorded would only be repaired by the next restart.
        for (var delay = TimeSpan.FromMilliseconds(200); ; delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks)))
        {
            try
            {
                return await completion.RecordAsync(key, outcome, CancellationToken.None);
            }
            catch (Exception e) when (DatabaseOutage.Is(e))
            {
                logger.LogWarning("Recording the end of {Attempt} failed ({Reason}); retrying in {Delay}", key, DatabaseOutage.Describe(e), delay);
                await Task.Delay(delay, time);
            }
        }
    }

    private async Task<TimeSpan> SleepTimeAsync(CancellationToken cancellationToken)
    {
        var poll = options.Value.PollInterval;

        // An owed sweep comes as a timer pass once its spacing has passed, unless a wake-up comes first.
        if (_sweepOwed)
        {
            var untilSweep = _sweptAt + SweepSpacing - time.GetUtcNow();
            poll = untilSweep < TimeSpan.FromMilliseconds(5) ? TimeSpan.FromMilliseconds(5) : untilSweep < poll ? untilSweep : poll;
        }

        var next = await queue.NextDueAsync(Executor, _lookedAtEverythingAt, cancellationToken);
        if (next is null)
        {
            return poll;
        }

        var wait = next.Value - time.GetUtcNow();
        return wait < TimeSpan.FromMilliseconds(5) ? TimeSpan.FromMilliseconds(5) : wait < poll ? wait : poll;
    }
}
