using System.Diagnostics;
using System.Diagnostics.Metrics;
using Genie.Server.Store;

namespace Genie.Server.Telemetry;

/// <summary>
/// Genie's own meter (`Genie`) and its instruments. Everything recorded here has already happened for good: state
/// changes come from <see cref="Runs.Transitions.StateChanger"/> after commit, never from a transaction that may
/// still roll back. Labels are bounded: namespace, executor and outcome; the job only where a one-job dashboard
/// needs it (run duration, schedule delay), never a run id.
/// </summary>
public sealed class GenieInstruments
{
    public const string MeterName = "Genie";

    // Seconds from a few milliseconds (a hand-off) to an hour (a long task); OpenTelemetry's default buckets are for milliseconds.
    private static readonly InstrumentAdvice<double> SecondsBuckets = new()
    {
        HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600],
    };

    private readonly Counter<long> _runs;
    private readonly Counter<long> _tasks;
    private readonly Histogram<double> _runDuration;
    private readonly Histogram<double> _taskDuration;
    private readonly Histogram<double> _firstTaskStartDelay;
    private readonly Histogram<double> _handOffLatency;
    private readonly Histogram<double> _scheduleDelay;
    private readonly Counter<long> _airflowCalls;
    private readonly Histogram<double> _airflowCallDuration;
    private readonly Counter<long> _hangfireJobs;
    private Func<IEnumerable<Measurement<int>>> _slots = () => [];
    private Func<IEnumerable<Measurement<long>>> _queued = () => [];
    private Func<int> _eventBacklog = () => 0;

    public GenieInstruments(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _runs = meter.CreateCounter<long>("genie.runs", "{run}", "Runs entering a state (`none` as the previous state: created)");
        _tasks = meter.CreateCounter<long>("genie.tasks", "{task}", "Task instances entering a state");
        _runDuration = Histogram(meter, "genie.run.duration", "Time from a run's start to its end, by outcome");
        _taskDuration = Histogram(meter, "genie.task.duration", "Run time of one task attempt, by outcome");
        _firstTaskStartDelay = Histogram(meter, "genie.run.first_task_start_delay",
            "Time from a run being due (created, or its requested start) to its first task attempt running");
        _handOffLatency = Histogram(meter, "genie.task.hand_off_latency",
            "Time from a task's process ending to its successor's process starting (local executor)");
        _scheduleDelay = Histogram(meter, "genie.schedule.delay", "Time from a cron tick's scheduled instant to its firing");
        _airflowCalls = meter.CreateCounter<long>("genie.airflow.client.calls", "{call}", "Calls to Airflow's REST API, by operation and outcome");
        _airflowCallDuration = Histogram(meter, "genie.airflow.client.duration", "Duration of calls to Airflow's REST API, retries included");
        _hangfireJobs = meter.CreateCounter<long>("genie.hangfire.jobs", "{job}", "Hangfire jobs performed, by job and outcome");
        meter.CreateObservableGauge("genie.executor.slots", () => _slots(), "{slot}", "Local executor slots, free and used");
        meter.CreateObservableGauge("genie.runs.queued", () => _queued(), "{run}", "Runs waiting in `queued`, sampled");
        meter.CreateObservableGauge("genie.outbox.backlog", () => _eventBacklog(), "{event}",
            "Committed outbox events this replica's event stream holds back until older transactions end");
    }

    private static Histogram<double> Histogram(Meter meter, string name, string description) =>
        meter.CreateHistogram(name, "s", description, tags: null, advice: SecondsBuckets);

    /// <summary>Counts the committed moves of one transaction and records the durations they end.</summary>
    public void Observe(IEnumerable<StateObservation> observations)
    {
        foreach (var o in observations)
        {
            var where = new TagList { { "genie.namespace", o.Namespace }, { "genie.executor", o.Executor } };
            switch (o.Kind)
            {
                case "run":
                    _runs.Add(1, With(where, ("genie.run.previous_state", o.Previous), ("genie.run.state", o.State)));
                    if (o.Elapsed is { } ran)
                    {
                        _runDuration.Record(ran.TotalSeconds, With(where, ("genie.job", o.Job), ("genie.outcome", o.State)));
                    }

                    break;
                case "task":
                    _tasks.Add(1, With(where, ("genie.task.previous_state", o.Previous), ("genie.task.state", o.State)));
                    break;
                case "attempt" when o.Elapsed is { } tried:
                    _taskDuration.Record(tried.TotalSeconds, With(where, ("genie.outcome", o.State)));
                    break;
                case "first-task" when o.Elapsed is { } waited:
                    _firstTaskStartDelay.Record(Math.Max(0, waited.TotalSeconds), where);
                    break;
            }
        }
    }

    public void RecordHandOff(string ns, TimeSpan latency) =>
        _handOffLatency.Record(Math.Max(0, latency.TotalSeconds), new TagList { { "genie.namespace", ns }, { "genie.executor", "local" } });

    /// <summary>One cron tick fired: how late, and what it did (`created`, `skipped`, `existing` or `none`: a misfire).</summary>
    public void RecordScheduleTick(string ns, string job, string outcome, TimeSpan delay) =>
        _scheduleDelay.Record(Math.Max(0, delay.TotalSeconds),
            new TagList { { "genie.namespace", ns }, { "genie.job", job }, { "genie.outcome", outcome } });

    public void RecordAirflowCall(string operation, string outcome, TimeSpan duration)
    {
        var tags = new TagList { { "genie.airflow.operation", operation }, { "genie.outcome", outcome } };
        _airflowCalls.Add(1, tags);
        _airflowCallDuration.Record(duration.TotalSeconds, tags);
    }

    public void RecordHangfireJob(string job, string outcome) =>
        _hangfireJobs.Add(1, new TagList { { "genie.hangfire.job", job }, { "genie.outcome", outcome } });

    /// <summary>Where the slots gauge reads from: the local executor's pool, once it exists.</summary>
    public void ObserveSlots(Func<(int Free, int Used)> slots) => _slots = () =>
    {
        var (free, used) = slots();
        return [new(free, new KeyValuePair<string, object?>("genie.slot.state", "free")), new(used, new KeyValuePair<string, object?>("genie.slot.state", "used"))];
    };

    /// <summary>Where the queue gauge reads from: the latest sample of queued runs by namespace and executor.</summary>
    public void ObserveQueued(Func<IReadOnlyList<QueuedRuns>> sample) => _queued = () => sample().Select(q =>
        new Measurement<long>(q.Count, new KeyValuePair<string, object?>("genie.namespace", q.Namespace), new KeyValuePair<string, object?>("genie.executor", q.Executor)));

    /// <summary>Where the outbox backlog gauge reads from: the event stream's count of held-back events.</summary>
    public void ObserveEventBacklog(Func<int> backlog) => _eventBacklog = backlog;

    private static TagList With(TagList tags, params (string Key, string Value)[] more)
    {
        foreach (var (key, value) in more)
        {
            tags.Add(key, value);
        }

        return tags;
    }
}
