using System.Collections.Concurrent;
using System.Text.Json;
using Genie.Core.Runs;
using Genie.Core.Specs;
using Genie.Core.Events;
using Genie.Server.Health;
using Genie.Server.Runs;
using Genie.Server.Runs.Transitions;
using Genie.Server.Secrets;
using Genie.Server.Store;
using Genie.Server.Telemetry;
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
    RunAdmission admission,
    RunProgression progression,
    AttemptCompletion completion,
    LocalRecovery recovery,
    ReplicaHeartbeat heartbeat,
    LocalReplica replica,
    JobPlans plans,
    SecretEnvironment secrets,
    RunSignal signal,
    GenieInstruments instruments,
    IOptions<LocalExecutorOptions> options,
    IOptions<GenieOptions> genie,
    TimeProvider time,
    ILogger<LocalExecutor> logger) : BackgroundService
{
    private static readonly string Executor = ExecutorCatalog.NameOf(ExecutorKind.Local);

    /// <summary>The shortest gap between two sweeps asked for by wake-ups; a timer pass always sweeps.</summary>
    private static readonly TimeSpan MinSweepSpacing = TimeSpan.FromMilliseconds(200);
    private readonly ConcurrentDictionary<AttemptKey, TaskProcess> _running = new();
    private readonly SlotPool _slots = new(options.Value.Slots);

    /// <summary>
    /// Some task may be queued for a slot (set when a transaction queued more than it could start, cleared when the dispatch
    /// found fewer queued tasks than free slots). While it is set, slots go through the dispatch, in priority order.
    /// </summary>
    private volatile bool _tasksWaiting = true;
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
    private DateTimeOffset? _nextDue;
    private DateTimeOffset _nextDueReadAt = DateTimeOffset.MinValue;
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
        instruments.ObserveSlots(() => (_slots.Free, _slots.InUse));
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
        if (timerPass || _tasksWaiting)
        {
            await DispatchAsync(cancellationToken);
        }

        if (everything)
        {
            // Admission follows capacity: a run is admitted only when a slot can take its first tasks, so a burst waits in
            // `queued` (honest queueing, first come first served by priority) instead of crowding `running`, and tasks already
            // waiting for a slot go first.
            var passStart = time.GetUtcNow();
            var room = _tasksWaiting ? 0 : _slots.Free;
            await admission.AdmitDueAsync(Executor, cancellationToken, room, due => AdmitAsync(due, cancellationToken));
            _lookedAtEverythingAt = passStart;
            _sweepOwed = true;
        }

        // Runs that changed are advanced at once; the rest only need a periodic look (a resumed or retried run, deadlines),
        // which at most waits for the sweep spacing.
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
            var batch = new LaunchBatch(_slots, 0);
            await InTransactionThenLaunchAsync(batch, async tx =>
            {
                // Wake-ups name every run that changed, also those of other executors (an Airflow run's mirrored tasks).
                if (await runs.LockAsync(tx.Transaction, runId, cancellationToken) is { } run && run.Executor == Executor)
                {
                    await AdvanceAndStartAsync(tx, run, batch, cancellationToken);
                }
            }, cancellationToken);
        }

        if (sweep)
        {
            _sweptAt = time.GetUtcNow();
            _sweepDuration = _sweptAt - sweepStart;
            _sweepOwed = false;
        }

        // A wake-up that names runs may be a cancel; one for everything is a trigger or a freed slot, which stops nothing.
        if (timerPass || changedRuns.Count > 0)
        {
            await StopCancelledAttemptsAsync(timerPass ? null : toAdvance, cancellationToken);
        }

        // Tasks this pass queued without a slot for them.
        if (_tasksWaiting)
        {
            await DispatchAsync(cancellationToken);
        }
    }

    // A sweep that took long is spaced further apart, so sweeping never takes more than about a third of the loop.
    private TimeSpan SweepSpacing => _sweepDuration * 2 > MinSweepSpacing ? _sweepDuration * 2 : MinSweepSpacing;

    /// <summary>Admits one run and, in the same transaction, queues its first tasks and starts those a slot can take.</summary>
    private async Task<bool> AdmitAsync(DueRun due, CancellationToken cancellationToken)
    {
        var admitted = false;
        var batch = new LaunchBatch(_slots, 0);
        await ThenLaunchAsync(batch, async () =>
            admitted = await admission.TryAdmitAsync(due, cancellationToken, (tx, run) => AdvanceAndStartAsync(tx, run, batch, cancellationToken)));
        return admitted;
    }

    /// <summary>
    /// Moves a locked run on (<see cref="RunProgression"/>) and starts the attempts of its waiting tasks that the batch finds
    /// slots for, all before the transaction commits: a finished task hands off to its successor in the transaction that
    /// records its end. While other runs' tasks wait for a slot, nothing starts here, so the dispatch hands slots out by priority.
    /// </summary>
    private async Task AdvanceAndStartAsync(StateTransaction tx, RunRecord run, LaunchBatch batch, CancellationToken cancellationToken)
    {
        var waiting = (await progression.AdvanceAsync(tx, run, cancellationToken)).Waiting;
        if (waiting.Count == 0)
        {
            return;
        }

        var room = _stopping || _tasksWaiting ? 0 : batch.Reserve(waiting.Count);
        foreach (var instance in waiting.Take(room))
        {
            await StartAttemptAsync(tx, run, instance, batch, cancellationToken);
        }

        if (room < waiting.Count)
        {
            batch.LeftWaiting = true;
        }
    }

    private async Task StartAttemptAsync(StateTransaction tx, RunRecord run, TaskInstanceRecord instance, LaunchBatch batch, CancellationToken cancellationToken)
    {
        using var span = GenieActivitySource.StartRunSpan("genie.attempt.start", run.Id, run.Namespace, run.JobName, run.TraceContext());
        var directory = RunDirectory.Of(genie.Value.DataDirFullPath, run.Id);
        var attempt = await tx.StartAttemptAsync(
            run, instance, n => directory.LogPath(instance.TaskName, instance.Replica, n), replica.Id, cancellationToken);
        span?.SetTag(GenieActivitySource.TaskTag, instance.TaskName);
        span?.SetTag(GenieActivitySource.ReplicaTag, instance.Replica);
        span?.SetTag(GenieActivitySource.AttemptTag, attempt);
        batch.Attempts.Add((new AttemptKey(run.Id, instance.TaskName, instance.Replica, attempt), run));
    }

    /// <summary>Runs <paramref name="work"/> in a state transaction of its own, then launches what it started (see <see cref="ThenLaunchAsync"/>).</summary>
    private Task InTransactionThenLaunchAsync(LaunchBatch batch, Func<StateTransaction, Task> work, CancellationToken cancellationToken) =>
        ThenLaunchAsync(batch, () => changer.RunAsync(Actors.Executor, async tx =>
        {
            await work(tx);
            return true;
        }, cancellationToken));

    /// <summary>
    /// Runs <paramref name="transaction"/>, which starts attempts into <paramref name="batch"/>, then launches them and returns the
    /// slots it did not use; a freed slot wakes admission and the dispatch. A transaction that failed launches nothing.
    /// </summary>
    private async Task ThenLaunchAsync(LaunchBatch batch, Func<Task> transaction)
    {
        try
        {
            await transaction();
        }
        catch
        {
            batch.Abandon();
            throw;
        }
        finally
        {
            await LaunchAsync(batch);
        }
    }

    /// <summary>Launches the batch's committed attempts, then returns its unused slots (waking the loop to reuse them).</summary>
    private async Task LaunchAsync(LaunchBatch batch)
    {
        // Only once the waiting tasks are committed (see DispatchAsync, which clears the flag before it looks).
        if (batch.LeftWaiting)
        {
            _tasksWaiting = true;
        }

        foreach (var (key, run) in batch.Attempts)
        {
            await LaunchAsync(key, run);
        }

        if (batch.ReturnUnused() > 0)
        {
            signal.Wake();
        }
    }

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

    /// <summary>Hands free slots to queued tasks of all runs, highest priority first.</summary>
    private async Task DispatchAsync(CancellationToken cancellationToken)
    {
        var free = _slots.Free;
        if (free <= 0)
        {
            return;
        }

        // Cleared before looking and set again by whatever commits waiting tasks after that (LaunchAsync), so a task queued
        // while the dispatch looked is never forgotten; seen full, the queue may hold more than the free slots.
        _tasksWaiting = false;
        var order = await queue.DispatchOrderAsync(Executor, free, cancellationToken);
        if (order.Count == free)
        {
            _tasksWaiting = true;
        }

        foreach (var (runId, task, index) in order)
        {
            var batch = new LaunchBatch(_slots, 0);
            await InTransactionThenLaunchAsync(batch, async tx =>
            {
                var run = await runs.LockAsync(tx.Transaction, runId, cancellationToken);
                var instance = run is { State: "running" } ? await instances.GetAsync(tx.Transaction, runId, task, index, cancellationToken) : null;
                if (run is not null && instance is { TaskState: TaskState.Queued } && batch.Reserve(1) == 1)
                {
                    await StartAttemptAsync(tx, run, instance, batch, cancellationToken);
                }
            }, cancellationToken);
        }
    }

    /// <summary>Starts the process of an attempt the database already shows running; its slot is held for it.</summary>
    private async Task LaunchAsync(AttemptKey key, RunRecord run)
    {
        // The watch starts outside the attempt's log scope (which StartAsync keeps to itself): it launches successors,
        // possibly of other runs, whose entries must not carry this run's scope too.
        if (await StartAsync(key, run) is { } process)
        {
            _ = WatchAsync(key, run, process);
        }
    }

    private async Task<TaskProcess?> StartAsync(AttemptKey key, RunRecord run)
    {
        using var scope = logger.BeginRunScope(run.Id, run.Namespace, run.JobName);
        TaskProcess process;
        try
        {
            var plan = await plans.GetAsync(run.JobId, run.JobVersion, CancellationToken.None);
            var resolved = plan.Tasks[key.Task];
            var parameters = ParamResolver.FromJson(plan.Definition.Spec.Params,
                JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(run.Params)).Values ?? new Dictionary<string, ParamValue>();
            var invocation = TaskInvocation.For(resolved, parameters, new TaskInvocation.Context(
                run.Id.ToString(), run.Namespace, run.JobName, key.Attempt, key.Replica, resolved.Task.Replicas));
            var environment = new Dictionary<string, string>(invocation.Environment, StringComparer.Ordinal);
            foreach (var (name, value) in await secrets.ForAsync(run.Namespace, resolved.Secrets, CancellationToken.None))
            {
                environment[name] = value;
            }

            var directory = RunDirectory.Of(genie.Value.DataDirFullPath, run.Id);
            var logPath = directory.LogPath(key.Task, key.Replica, key.Attempt);
            Directory.CreateDirectory(directory.WorkingDirectory);
            process = TaskProcess.Start(new ProcessLaunch(invocation.Argv, environment, directory.WorkingDirectory,
                logPath, RunDirectory.ExitCodePath(logPath), resolved.Task.Timeout, options.Value.KillGrace), time);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or System.ComponentModel.Win32Exception
                                       or SecretUnavailableException or SecretKeyException)
        {
            logger.LogInformation("Could not start {Attempt}: {Reason}", key, e.Message);
            await FinishAsync(key, run, new ProcessOutcome(ProcessEnd.LaunchFailed, null, $"could not start: {e.Message}"));
            return null;
        }

        _running[key] = process;
        logger.LogDebug("Started {Attempt} as process {Pid}", key, process.Pid);
        if (options.Value.CrashAfterProcessStart)
        {
            // The fault point of the crash-safety test: die as `kill -9` would, right after the fork.
            logger.LogCritical("CrashAfterProcessStart is set: killing this server after starting {Attempt}", key);
            System.Diagnostics.Process.GetCurrentProcess().Kill();
        }

        return process;
    }

    private async Task WatchAsync(AttemptKey key, RunRecord run, TaskProcess process)
    {
        var outcome = await process.Completion;
        process.Dispose();
        await FinishAsync(key, run, outcome, process.Pid);
    }

    /// <summary>
    /// Records an attempt's end, moves its run on and starts the successors a slot can take (the attempt's own slot first),
    /// in one transaction; then launches them. The slot is given back only after the end is recorded, so the database never
    /// shows more attempts running than there are slots.
    /// </summary>
    private async Task FinishAsync(AttemptKey key, RunRecord run, ProcessOutcome outcome, int? pid = null)
    {
        var ended = time.GetUtcNow();
        _running.TryRemove(key, out _);
        var batch = new LaunchBatch(_slots, 1);
        StateEffects? effects = null;
        try
        {
            await ThenLaunchAsync(batch, async () =>
            {
                if (!_stopping)
                {
                    effects = await RecordAsync(key, run, outcome, pid, batch);
                }
            });
        }
        catch (Exception e)
        {
            // Not a database outage (those are retried): a bug. The attempt stays running in the database until recovery.
            using var scope = logger.BeginRunScope(run.Id, run.Namespace, run.JobName);
            logger.LogError(e, "Could not record the end of {Attempt}", key);
            return;
        }

        // The hand-off: from this process's end until its successors' processes were started (committed and launched).
        var launched = time.GetUtcNow();
        foreach (var (_, successorRun) in batch.Attempts)
        {
            instruments.RecordHandOff(successorRun.Namespace, launched - ended);
        }

        if (effects is not null)
        {
            changer.Apply(effects);
        }
    }

    private async Task<StateEffects> RecordAsync(AttemptKey key, RunRecord run, ProcessOutcome outcome, int? pid, LaunchBatch batch)
    {
        // Inside this method only: the launches that follow the recording are outside the attempt's scope.
        using var scope = logger.BeginRunScope(run.Id, run.Namespace, run.JobName);
        logger.LogDebug("{Attempt} ended: {End}, exit code {ExitCode}", key, outcome.End, outcome.ExitCode);
        // The database may blip; an attempt left unrecorded would only be repaired by the next restart.
        for (var delay = TimeSpan.FromMilliseconds(200); ; delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks)))
        {
            try
            {
                var (_, effects) = await changer.RunDeferredAsync(Actors.Executor, async tx =>
                {
                    if (await runs.LockAsync(tx.Transaction, key.RunId, CancellationToken.None) is not { } locked
                        || !await completion.RecordAsync(tx, locked, key, outcome, CancellationToken.None, advancedInThisTransaction: true, pid))
                    {
                        return false;
                    }

                    await AdvanceAndStartAsync(tx, locked, batch, CancellationToken.None);
                    return true;
                }, CancellationToken.None);
                return effects;
            }
            catch (Exception e) when (DatabaseOutage.Is(e))
            {
                batch.Abandon();
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

        // Under load the loop sleeps hundreds of times a second; the next timer is read again only when the last reading is
        // older than the sweep spacing, and a sleep on an older reading ends when it goes stale.
        var now = time.GetUtcNow();
        if (now - _nextDueReadAt >= MinSweepSpacing)
        {
            _nextDue = await queue.NextDueAsync(Executor, _lookedAtEverythingAt, cancellationToken);
            _nextDueReadAt = now;
        }
        else
        {
            var untilStale = _nextDueReadAt + MinSweepSpacing - now;
            poll = untilStale < poll ? untilStale : poll;
        }

        var next = _nextDue;
        if (next is null)
        {
            return poll;
        }

        var wait = next.Value - time.GetUtcNow();
        return wait < TimeSpan.FromMilliseconds(5) ? TimeSpan.FromMilliseconds(5) : wait < poll ? wait : poll;
    }
}
