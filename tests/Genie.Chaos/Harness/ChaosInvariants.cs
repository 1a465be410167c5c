using System.Diagnostics;
using System.Text.Json;
using Dapper;
using Npgsql;
using AttemptRow = Genie.Chaos.Harness.ChaosSnapshot.AttemptRow;
using EventRow = Genie.Chaos.Harness.ChaosSnapshot.EventRow;
using RunRow = Genie.Chaos.Harness.ChaosSnapshot.RunRow;
using TaskRow = Genie.Chaos.Harness.ChaosSnapshot.TaskRow;

namespace Genie.Chaos.Harness;

/// <summary>
/// The checks every scenario ends with, read from the database and the task ledger, not from Genie's answers:
/// every trigger answered 2xx is a run, once; every run ended as expected; no finished task ran again; the outbox
/// holds every state change of every run in order.
/// </summary>
public static class ChaosInvariants
{
    /// <summary>Waits until no run is live (queued, running, suspended) and no attempt is running.</summary>
    public static async Task UntilSettledAsync(string connectionString, TimeSpan patience, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var db = new NpgsqlConnection(connectionString);
                var live = await db.ExecuteScalarAsync<long>(new CommandDefinition("""
                    select (select count(*) from runs where state in ('queued', 'running', 'suspended'))
                         + (select count(*) from task_attempts where state = 'running')
                    """, cancellationToken: cancellationToken));
                if (live == 0)
                {
                    return;
                }
            }
            catch (NpgsqlException) when (clock.Elapsed < patience)
            {
                // The database may still be coming back from the scenario's fault.
            }

            if (clock.Elapsed > patience)
            {
                return;
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    /// <summary>Reads what the database holds after a scenario.</summary>
    public static async Task<ChaosSnapshot> ReadAsync(string connectionString, CancellationToken cancellationToken)
    {
        NpgsqlConnection.ClearAllPools();
        await using var db = new NpgsqlConnection(connectionString);
        var runs = (await db.QueryAsync<RunRow>(new CommandDefinition(
            "select id::text as Id, job_name as Job, state as State, reason as Reason, idempotency_key as IdempotencyKey from runs",
            cancellationToken: cancellationToken))).ToList();
        var tasks = (await db.QueryAsync<TaskRow>(new CommandDefinition(
            "select run_id::text as RunId, task_name as Task, replica as Replica, state as State from run_tasks",
            cancellationToken: cancellationToken))).ToList();
        var attempts = (await db.QueryAsync<AttemptRow>(new CommandDefinition(
            "select run_id::text as RunId, task_name as Task, replica as Replica, attempt as Attempt, state as State from task_attempts",
            cancellationToken: cancellationToken))).ToList();
        var events = (await db.QueryAsync<EventRow>(new CommandDefinition(
            "select aggregate_id as RunId, type as Type, payload::text as Payload from events where aggregate_type = 'run' order by id",
            cancellationToken: cancellationToken))).ToList();
        return new ChaosSnapshot(runs, tasks, attempts, events);
    }

    /// <summary>Every broken invariant of <paramref name="snapshot"/>, given what the load sent and what the tasks wrote.</summary>
    public static ChaosVerdict Check(
        ChaosSnapshot snapshot, IReadOnlyList<TriggerRecord> triggers, IReadOnlyList<LedgerEntry> lines, RunExpectation expectation)
    {
        var runs = snapshot.Runs.ToDictionary(r => r.Id);
        var (tasks, attempts, events) = (snapshot.Tasks, snapshot.Attempts, snapshot.Events);
        var violations = new List<string>();
        violations.AddRange(CheckTriggers(triggers, runs));
        violations.AddRange(CheckEndStates(runs.Values, tasks, attempts, expectation));
        if (expectation.TasksWriteLedger)
        {
            violations.AddRange(CheckLedger(lines, runs, tasks, attempts));
        }

        violations.AddRange(CheckEvents(events, runs, tasks, attempts));
        return new ChaosVerdict(
            triggers.Count,
            runs.Count,
            runs.Values.GroupBy(r => r.State).ToDictionary(g => g.Key, g => g.Count()),
            attempts.Count,
            lines.Count,
            events.Count,
            triggers.SelectMany(t => t.Refusals).GroupBy(r => r).ToDictionary(g => g.Key, g => g.Count()),
            violations);
    }

    private static IEnumerable<string> CheckTriggers(IReadOnlyList<TriggerRecord> triggers, IReadOnlyDictionary<string, RunRow> runs)
    {
        foreach (var trigger in triggers)
        {
            var answered = trigger.RunIds.Distinct().ToList();
            if (answered.Count == 0)
            {
                yield return $"trigger {trigger.Key} of {trigger.Job} was never answered 2xx ({string.Join(", ", trigger.Refusals.Distinct())})";
            }
            else if (answered.Count > 1)
            {
                yield return $"trigger {trigger.Key} was answered with different runs: {string.Join(", ", answered)}";
            }

            foreach (var id in answered.Where(id => !runs.ContainsKey(id)))
            {
                yield return $"run {id}, answered 2xx to trigger {trigger.Key}, does not exist";
            }
        }

        var keys = triggers.Select(t => t.Key).ToHashSet();
        foreach (var run in runs.Values.Where(r => r.IdempotencyKey is null || !keys.Contains(r.IdempotencyKey)))
        {
            yield return $"run {run.Id} of {run.Job} belongs to no trigger the load sent (key {run.IdempotencyKey ?? "none"})";
        }

        foreach (var duplicate in runs.Values.GroupBy(r => r.IdempotencyKey).Where(g => g.Key is not null && g.Count() > 1))
        {
            yield return $"idempotency key {duplicate.Key} has {duplicate.Count()} runs";
        }
    }

    private static IEnumerable<string> CheckEndStates(
        IEnumerable<RunRow> runs, IReadOnlyList<TaskRow> tasks, IReadOnlyList<AttemptRow> attempts, RunExpectation expectation)
    {
        foreach (var run in runs.Where(r => !expectation.For(r.Job).Contains(r.State)))
        {
            yield return $"run {run.Id} of {run.Job} ended {run.State} ({run.Reason ?? "no reason"}), expected {string.Join(" or ", expectation.For(run.Job))}";
        }

        foreach (var task in tasks.Where(t => t.State is "queued" or "running" or "retrying"))
        {
            yield return $"task {task.RunId}/{task.Task}[{task.Replica}] is still {task.State}";
        }

        foreach (var attempt in attempts.Where(a => a.State == "running"))
        {
            yield return $"attempt {attempt.RunId}/{attempt.Task}[{attempt.Replica}]#{attempt.Attempt} is still running";
        }
    }

    private static IEnumerable<string> CheckLedger(
        IReadOnlyList<LedgerEntry> lines, IReadOnlyDictionary<string, RunRow> runs, IReadOnlyList<TaskRow> tasks, IReadOnlyList<AttemptRow> attempts)
    {
        var finished = lines.ToLookup(l => (l.RunId, l.Task, l.Replica));
        foreach (var again in finished.Where(g => g.Count() > 1))
        {
            yield return $"task {again.Key.RunId}/{again.Key.Task}[{again.Key.Replica}] ran to its end {again.Count()} times (attempts {string.Join(", ", again.Select(l => l.Attempt))})";
        }

        foreach (var stray in lines.Where(l => !runs.ContainsKey(l.RunId)).Select(l => l.RunId).Distinct())
        {
            yield return $"a task of run {stray} ran, but the run does not exist";
        }

        var succeededAttempts = attempts.Where(a => a.State == "succeeded").ToLookup(a => (a.RunId, a.Task, a.Replica));
        foreach (var task in tasks.Where(t => t.State == "succeeded"))
        {
            var key = (task.RunId, task.Task, task.Replica);
            var ran = finished[key].Select(l => l.Attempt).ToList();
            var recorded = succeededAttempts[key].Select(a => a.Attempt).ToList();
            if (ran.Count != 1 || recorded.Count != 1 || ran[0] != recorded[0])
            {
                yield return $"task {task.RunId}/{task.Task}[{task.Replica}] succeeded as attempt(s) [{string.Join(", ", recorded)}] but its process ran to its end as [{string.Join(", ", ran)}]";
            }
        }
    }

    private static IEnumerable<string> CheckEvents(
        IReadOnlyList<EventRow> events, IReadOnlyDictionary<string, RunRow> runs, IReadOnlyList<TaskRow> tasks, IReadOnlyList<AttemptRow> attempts)
    {
        var byRun = events.ToLookup(e => e.RunId);
        var tasksByRun = tasks.ToLookup(t => t.RunId);
        var attemptsByRun = attempts.ToLookup(a => a.RunId);
        foreach (var run in runs.Values)
        {
            foreach (var violation in CheckRunEvents(run, byRun[run.Id].ToList(), tasksByRun[run.Id].ToList(), attemptsByRun[run.Id].ToList()))
            {
                yield return violation;
            }
        }
    }

    /// <summary>One run's events replayed: each move starts where the previous one of its run or task instance ended.</summary>
    private static IEnumerable<string> CheckRunEvents(RunRow run, IReadOnlyList<EventRow> events, IReadOnlyList<TaskRow> tasks, IReadOnlyList<AttemptRow> attempts)
    {
        string? runState = null;
        var taskStates = new Dictionary<(string, int), string>();
        var started = new HashSet<(string, int, int)>();
        var finished = new HashSet<(string, int, int)>();
        foreach (var e in events)
        {
            using var json = JsonDocument.Parse(e.Payload);
            var payload = json.RootElement;
            string Text(string name) => payload.GetProperty(name).GetString() ?? "";
            int Number(string name) => payload.GetProperty(name).GetInt32();
            switch (e.Type)
            {
                case "run.created" when runState is null:
                    runState = Text("state");
                    break;
                case "run.created":
                    yield return $"run {run.Id}: a second run.created";
                    break;
                case "run.state_changed":
                    if (Text("from") != runState)
                    {
                        yield return $"run {run.Id}: run.state_changed {Text("from")}->{Text("to")} follows {runState ?? "nothing"}";
                    }

                    runState = Text("to");
                    break;
                case "task.state_changed":
                    var instance = (Text("task"), Number("replica"));
                    var before = taskStates.GetValueOrDefault(instance, "pending");
                    if (Text("from") != before)
                    {
                        yield return $"run {run.Id}: task {instance.Item1}[{instance.Item2}] moved {Text("from")}->{Text("to")} after {before}";
                    }

                    taskStates[instance] = Text("to");
                    break;
                case "attempt.started":
                    if (!started.Add((Text("task"), Number("replica"), Number("attempt"))))
                    {
                        yield return $"run {run.Id}: attempt {Text("task")}[{Number("replica")}]#{Number("attempt")} started twice";
                    }

                    break;
                case "attempt.finished":
                    var attempt = (Text("task"), Number("replica"), Number("attempt"));
                    if (!started.Contains(attempt) || !finished.Add(attempt))
                    {
                        yield return $"run {run.Id}: attempt {attempt.Item1}[{attempt.Item2}]#{attempt.Item3} finished without starting, or twice";
                    }

                    break;
            }
        }

        if (runState != run.State)
        {
            yield return $"run {run.Id}: its events end in {runState ?? "nothing"}, the run is {run.State}";
        }

        foreach (var task in tasks.Where(t => taskStates.GetValueOrDefault((t.Task, t.Replica), "pending") != t.State))
        {
            yield return $"run {run.Id}: task {task.Task}[{task.Replica}] events end in {taskStates.GetValueOrDefault((task.Task, task.Replica), "pending")}, the task is {task.State}";
        }

        foreach (var attempt in attempts)
        {
            var key = (attempt.Task, attempt.Replica, attempt.Attempt);
            if (!started.Contains(key) || (attempt.State != "running" && !finished.Contains(key)))
            {
                yield return $"run {run.Id}: attempt {attempt.Task}[{attempt.Replica}]#{attempt.Attempt} ({attempt.State}) lacks its attempt.started or attempt.finished event";
            }
        }

        if (started.Count != attempts.Count)
        {
            yield return $"run {run.Id}: {started.Count} attempt.started events for {attempts.Count} attempts";
        }
    }
}
