using System.Diagnostics;
using System.Globalization;
using Genie.Core.Airflow;
using Genie.Core.Runs;
using Genie.Server.Executors.Airflow;
using Npgsql;
using NpgsqlTypes;

namespace Genie.Benchmarks.ApiAtScale;

/// <summary>
/// Writes the dataset straight into Genie's tables with binary COPY, in chunks of runs pipelined over three
/// connections: while one copies the runs of a chunk, the next copies the task rows of the chunk before and a
/// third the attempts of the one before that (each table's foreign keys only see committed rows). Then VACUUM
/// ANALYZE, as a database that has lived with this data would have been, so no autovacuum starts mid-measurement.
/// </summary>
public static class ScaleLoader
{
    private static readonly string[] BulkTables = ["runs", "run_tasks", "task_attempts"];

    private const string RunColumns =
        "id, job_id, namespace, job_name, job_version, executor, state, reason, params, priority, concurrency_key, idempotency_key, " +
        "trigger, triggered_by, not_before, deadline, created_at, started_at, finished_at, updated_at, external_state, triggered_at";

    private const string TaskColumns =
        "run_id, task_name, replica, priority, state, reason, attempts, exit_code, started_at, finished_at, updated_at";

    private const string AttemptColumns =
        "run_id, task_name, replica, attempt, state, exit_code, reason, pid, log_path, started_at, finished_at";

    public static async Task<LoadReport> LoadAsync(string connectionString, ScaleDataset data, int chunkSize, CancellationToken cancellationToken)
    {
        await using var source = NpgsqlDataSource.Create(connectionString);

        // Autovacuum would otherwise chase the growing tables while they load; the VACUUM ANALYZE below does its work once.
        await ExecuteAsync(source, string.Concat(BulkTables.Select(table => $"alter table {table} set (autovacuum_enabled = off);")), cancellationToken);
        var clock = Stopwatch.StartNew();
        var (jobs, versions) = await CopyJobsAsync(source, data, cancellationToken);

        long runs = 0, tasks = 0, attempts = 0;
        Task runsBefore = Task.CompletedTask, tasksBefore = Task.CompletedTask, attemptsBefore = Task.CompletedTask;
        var all = new List<Task>();
        for (var start = 0; start < data.Runs.Length; start += chunkSize)
        {
            var chunk = new Range(start, Math.Min(start + chunkSize, data.Runs.Length));
            var runsCopied = After([runsBefore], () => Interlocked.Add(ref runs, CopyRuns(source, data, chunk)));
            var tasksCopied = After([runsCopied, tasksBefore], () => Interlocked.Add(ref tasks, CopyTasks(source, data, chunk)));
            var attemptsCopied = After([tasksCopied, attemptsBefore], () => Interlocked.Add(ref attempts, CopyAttempts(source, data, chunk)));
            (runsBefore, tasksBefore, attemptsBefore) = (runsCopied, tasksCopied, attemptsCopied);
            all.AddRange([runsCopied, tasksCopied, attemptsCopied]);
        }

        await Task.WhenAll(all).WaitAsync(cancellationToken);
        var copy = clock.Elapsed;

        clock.Restart();
        await ExecuteAsync(source, "vacuum (analyze) jobs, job_versions, runs, run_tasks, task_attempts", cancellationToken);
        var vacuum = clock.Elapsed;
        await ExecuteAsync(source, string.Concat(BulkTables.Select(table => $"alter table {table} reset (autovacuum_enabled);")), cancellationToken);
        return new LoadReport(jobs, versions, runs, tasks, attempts, copy, vacuum);
    }

    private static async Task ExecuteAsync(NpgsqlDataSource source, string sql, CancellationToken cancellationToken)
    {
        await using var command = source.CreateCommand(sql);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // COPY is blocking work on its own connection: each step runs on the thread pool once the steps it follows are done.
    private static Task After(Task[] before, Action step) =>
        Task.WhenAll(before).ContinueWith(
            done =>
            {
                done.GetAwaiter().GetResult();
                step();
            },
            CancellationToken.None, TaskContinuationOptions.LongRunning, TaskScheduler.Default);

    private static async Task<(long Jobs, long Versions)> CopyJobsAsync(NpgsqlDataSource source, ScaleDataset data, CancellationToken cancellationToken)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await using (var writer = await connection.BeginBinaryImportAsync(
            "copy jobs (id, namespace, name, group_name, labels, current_version, created_at, updated_at) from stdin (format binary)", cancellationToken))
        {
            foreach (var job in data.Jobs)
            {
                writer.StartRow();
                writer.Write(job.Id, NpgsqlDbType.Bigint);
                writer.Write(job.Namespace, NpgsqlDbType.Text);
                writer.Write(job.Name, NpgsqlDbType.Text);
                WriteText(writer, job.Group);
                writer.Write(System.Text.Json.JsonSerializer.Serialize(job.Labels), NpgsqlDbType.Jsonb);
                writer.Write(job.Current.Number, NpgsqlDbType.Integer);
                writer.Write(job.CreatedAt, NpgsqlDbType.TimestampTz);
                writer.Write(job.Current.CreatedAt, NpgsqlDbType.TimestampTz);
            }

            await writer.CompleteAsync(cancellationToken);
        }

        long versions = 0;
        await using (var writer = await connection.BeginBinaryImportAsync(
            "copy job_versions (job_id, version, content_hash, source_format, source_text, definition, created_at, applied_by) from stdin (format binary)", cancellationToken))
        {
            foreach (var job in data.Jobs)
            {
                foreach (var version in job.Versions)
                {
                    writer.StartRow();
                    writer.Write(job.Id, NpgsqlDbType.Bigint);
                    writer.Write(version.Number, NpgsqlDbType.Integer);
                    writer.Write(version.Submission.ContentHash, NpgsqlDbType.Text);
                    writer.Write(version.Submission.SourceFormat, NpgsqlDbType.Text);
                    writer.Write(version.Submission.SourceText, NpgsqlDbType.Text);
                    writer.Write(version.Submission.DefinitionJson, NpgsqlDbType.Jsonb);
                    writer.Write(version.CreatedAt, NpgsqlDbType.TimestampTz);
                    writer.Write("api", NpgsqlDbType.Text);
                    versions++;
                }
            }

            await writer.CompleteAsync(cancellationToken);
        }

        // The rows brought their own ids; the identity continues after them for jobs applied later.
        await using var identity = new NpgsqlCommand("select setval(pg_get_serial_sequence('jobs', 'id'), (select max(id) from jobs))", connection);
        await identity.ExecuteScalarAsync(cancellationToken);
        return (data.Jobs.Count, versions);
    }

    private static long CopyRuns(NpgsqlDataSource source, ScaleDataset data, Range chunk)
    {
        using var connection = source.OpenConnection();
        using var writer = connection.BeginBinaryImport($"copy runs ({RunColumns}) from stdin (format binary)");
        var tasks = new List<TaskRow>();
        var (offset, length) = chunk.GetOffsetAndLength(data.Runs.Length);
        foreach (ref readonly var run in data.Runs.AsSpan(offset, length))
        {
            var job = data.Jobs[run.JobIndex];
            var (started, finished, updated) = RunTimeline.Replay(run, job, data.Now, tasks);
            var apiTriggered = !job.Scheduled || run.Seed % 10 == 0;
            writer.StartRow();
            writer.Write(run.Id, NpgsqlDbType.Uuid);
            writer.Write(job.Id, NpgsqlDbType.Bigint);
            writer.Write(job.Namespace, NpgsqlDbType.Text);
            writer.Write(job.Name, NpgsqlDbType.Text);
            writer.Write(run.JobVersion, NpgsqlDbType.Integer);
            writer.Write(job.Executor, NpgsqlDbType.Text);
            writer.Write(run.State.ToWire(), NpgsqlDbType.Text);
            WriteText(writer, ReasonOf(run, job));
            writer.Write(ParamsOf(run), NpgsqlDbType.Jsonb);
            writer.Write(job.Priority, NpgsqlDbType.Integer);
            WriteText(writer, job.ConcurrencyScope);
            WriteText(writer, apiTriggered && run.Seed % 4 == 0 ? "req-" + run.Id.ToString("N") : null);
            writer.Write(apiTriggered ? "api" : "schedule", NpgsqlDbType.Text);
            writer.Write(apiTriggered ? "api" : "scheduler", NpgsqlDbType.Text);
            writer.Write(run.CreatedAt, NpgsqlDbType.TimestampTz);
            WriteTime(writer, started is { } s && job.Timeout is { } timeout ? s + timeout : null);
            writer.Write(run.CreatedAt, NpgsqlDbType.TimestampTz);
            WriteTime(writer, started);
            WriteTime(writer, finished);
            writer.Write(updated, NpgsqlDbType.TimestampTz);
            WriteText(writer, job.OnAirflow ? ExternalStateOf(run.State) : null);
            WriteTime(writer, job.OnAirflow ? started : null);
        }

        writer.Complete();
        return length;
    }

    private static long CopyTasks(NpgsqlDataSource source, ScaleDataset data, Range chunk) =>
        CopyPerTask(source, data, chunk, $"copy run_tasks ({TaskColumns}) from stdin (format binary)", (writer, run, job, task) =>
        {
            writer.StartRow();
            writer.Write(run.Id, NpgsqlDbType.Uuid);
            writer.Write(task.Task, NpgsqlDbType.Text);
            writer.Write(task.Replica, NpgsqlDbType.Integer);
            writer.Write(job.Priority, NpgsqlDbType.Integer);
            writer.Write(task.State.ToWire(), NpgsqlDbType.Text);
            WriteText(writer, task.Reason);
            writer.Write(task.Attempts, NpgsqlDbType.Integer);
            WriteInteger(writer, task.ExitCode);
            WriteTime(writer, task.StartedAt);
            WriteTime(writer, task.FinishedAt);
            writer.Write(task.UpdatedAt, NpgsqlDbType.TimestampTz);
            return 1;
        });

    private static long CopyAttempts(NpgsqlDataSource source, ScaleDataset data, Range chunk) =>
        CopyPerTask(source, data, chunk, $"copy task_attempts ({AttemptColumns}) from stdin (format binary)", (writer, run, job, task) =>
        {
            var start = task.StartedAt.GetValueOrDefault();
            var span = (task.FinishedAt ?? data.Now) - start;
            for (var attempt = 1; attempt <= task.Attempts; attempt++)
            {
                var last = attempt == task.Attempts;
                var (state, exitCode, reason) = last ? AttemptOutcome(task) : ("failed", 1, "exit code 1");
                writer.StartRow();
                writer.Write(run.Id, NpgsqlDbType.Uuid);
                writer.Write(task.Task, NpgsqlDbType.Text);
                writer.Write(task.Replica, NpgsqlDbType.Integer);
                writer.Write(attempt, NpgsqlDbType.Integer);
                writer.Write(state, NpgsqlDbType.Text);
                WriteInteger(writer, exitCode);
                WriteText(writer, reason);
                WriteInteger(writer, job.OnAirflow ? null : 1000 + (int)((run.Seed + (ulong)attempt) % 4_000_000));
                writer.Write(LogPathOf(data, run, job, task, attempt), NpgsqlDbType.Text);
                writer.Write(start + span * (attempt - 1) / task.Attempts, NpgsqlDbType.TimestampTz);
                WriteTime(writer, last && task.FinishedAt is null ? null : start + span * attempt / task.Attempts);
            }

            return task.Attempts;
        });

    /// <summary>One COPY over the task rows of a chunk of runs, replayed from each run's timeline; returns the rows written.</summary>
    private static long CopyPerTask(
        NpgsqlDataSource source, ScaleDataset data, Range chunk, string copy, Func<NpgsqlBinaryImporter, ScaleRun, ScaleJob, TaskRow, long> write)
    {
        using var connection = source.OpenConnection();
        using var writer = connection.BeginBinaryImport(copy);
        var tasks = new List<TaskRow>();
        var (offset, length) = chunk.GetOffsetAndLength(data.Runs.Length);
        long rows = 0;
        foreach (ref readonly var run in data.Runs.AsSpan(offset, length))
        {
            var job = data.Jobs[run.JobIndex];
            RunTimeline.Replay(run, job, data.Now, tasks);
            foreach (var task in tasks)
            {
                rows += write(writer, run, job, task);
            }
        }

        writer.Complete();
        return rows;
    }

    private static (string State, int? ExitCode, string? Reason) AttemptOutcome(TaskRow task) => task.State switch
    {
        TaskState.Succeeded => ("succeeded", 0, "exit code 0"),
        TaskState.Failed => ("failed", 1, "exit code 1"),
        TaskState.Cancelled => ("cancelled", null, RunTimeline.CancelReason),
        _ => ("running", null, null),
    };

    private static string LogPathOf(ScaleDataset data, in ScaleRun run, ScaleJob job, TaskRow task, int attempt)
    {
        if (job.OnAirflow)
        {
            var mapped = job.Shape.Chain.First(t => t.Task == task.Task).Replicas > 1;
            return AirflowLogReference.Format(DagIds.For(job.Namespace, job.Name), task.Task, mapped ? task.Replica : -1);
        }

        return Path.Combine(data.DataDir, "runs", run.Id.ToString(), "logs", task.Task,
            task.Replica.ToString(CultureInfo.InvariantCulture), $"attempt-{attempt.ToString(CultureInfo.InvariantCulture)}.log");
    }

    private static string? ReasonOf(in ScaleRun run, ScaleJob job) => run.State switch
    {
        RunState.Failed => "failed task(s): " + job.Shape.Chain[run.StopAt].Task,
        RunState.Cancelled => RunTimeline.CancelReason,
        RunState.Skipped => $"concurrency: 1 live run(s) in {job.ConcurrencyScope}, maxActiveRuns 1 (onConflict: skip)",
        _ => null,
    };

    private static string? ExternalStateOf(RunState state) => state switch
    {
        RunState.Succeeded => "success",
        RunState.Failed or RunState.Cancelled => "failed",
        RunState.Running or RunState.Suspended => "running",
        _ => null,
    };

    private static string ParamsOf(in ScaleRun run) =>
        string.Create(CultureInfo.InvariantCulture, $"{{\"date\": \"{run.CreatedAt:yyyy-MM-dd}\", \"region\": \"{(run.Seed % 3 == 0 ? "us" : "eu")}\"}}");

    private static void WriteText(NpgsqlBinaryImporter writer, string? value)
    {
        if (value is null)
        {
            writer.WriteNull();
        }
        else
        {
            writer.Write(value, NpgsqlDbType.Text);
        }
    }

    private static void WriteInteger(NpgsqlBinaryImporter writer, int? value)
    {
        if (value is { } number)
        {
            writer.Write(number, NpgsqlDbType.Integer);
        }
        else
        {
            writer.WriteNull();
        }
    }

    private static void WriteTime(NpgsqlBinaryImporter writer, DateTime? value)
    {
        if (value is { } time)
        {
            writer.Write(time, NpgsqlDbType.TimestampTz);
        }
        else
        {
            writer.WriteNull();
        }
    }
}
