using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Genie.Server.Tests.Executors.Airflow;

/// <summary>
/// An in-test Airflow 3 api-server (Kestrel on 127.0.0.1, a free port) that implements what Genie's Airflow client
/// calls, with the OpenAPI spec's paths, bodies and status codes, and keeps DAGs, runs and task instances in memory.
/// Runs execute the task graph of the published DAG file (<see cref="FakeDagRun"/>); knobs set what Airflow and the
/// pods do: when a published DAG becomes parsed, import errors, each task's exit codes, 5xx bursts and slow answers,
/// token expiry. Every request is recorded.
/// <code>
/// await using var airflow = await FakeAirflow.StartAsync();
/// airflow.PublishDag("genie__ns__etl", ["genie"], parseAfterPolls: 2, source: compiled.Source);
/// airflow.SetOutcome("genie__ns__etl", "load", FakeTaskOutcome.Exits(1));
/// // options.BaseUrl = airflow.BaseUrl; options.Username = FakeAirflow.Username; options.Password = FakeAirflow.Password;
/// </code>
/// Runs advance one step each time their state or task instances are read (see <see cref="AutoAdvance"/>).
/// </summary>
public sealed class FakeAirflow : IAsyncDisposable
{
    public const string Username = "admin";
    public const string Password = "fake-airflow-password";

    private readonly WebApplication _app;
    private readonly List<FakeAirflowRequest> _requests = [];

    private FakeAirflow(WebApplication app, TimeProvider time)
    {
        _app = app;
        Time = time;
    }

    /// <summary>e.g. `http://127.0.0.1:41234`; `/auth/token` and `/api/v2` sit below it.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>When true (the default), each GET of a run or of its task instances moves the run one step; when false only <see cref="Advance"/> does.</summary>
    public bool AutoAdvance { get; set; } = true;

    /// <summary>Every request received so far, in order, with the status it was answered with.</summary>
    public IReadOnlyList<FakeAirflowRequest> Requests
    {
        get
        {
            lock (Gate)
            {
                return _requests.ToList();
            }
        }
    }

    public int TokensIssued => Locked(() => Tokens.Issued);

    internal Lock Gate { get; } = new();

    internal TimeProvider Time { get; }

    internal FakeTokens Tokens { get; } = new();

    internal FakeFaults Faults { get; } = new();

    internal Dictionary<string, FakeDag> Dags { get; } = new(StringComparer.Ordinal);

    internal List<FakeImportError> ImportErrors { get; } = [];

    internal Dictionary<(string DagId, string RunId, string TaskId, int TryNumber, int MapIndex), IReadOnlyList<string>> Logs { get; } = [];

    /// <summary>Starts on <paramref name="port"/> (a free one for 0), e.g. the port a Prism proxy forwards to.</summary>
    public static async Task<FakeAirflow> StartAsync(TimeProvider? time = null, int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var airflow = new FakeAirflow(app, time ?? TimeProvider.System);
        FakeAirflowEndpoints.Map(app, airflow);
        await app.StartAsync();
        airflow.BaseUrl = app.Urls.Single();
        return airflow;
    }

    /// <summary>Each access token lives this long (its JWT `exp`); 24 hours unless set, as Airflow's default.</summary>
    public TimeSpan TokenLifetime
    {
        get => Locked(() => Tokens.Lifetime);
        set => Locked(() => Tokens.Lifetime = value);
    }

    /// <summary>Each token (issued from now on, and those already issued) is accepted this many times, then answered 401 "Token Expired".</summary>
    public void TokensExpireAfterUses(int? uses) => Locked(() => Tokens.UsesPerToken = uses);

    public void ExpireTokens() => Locked(() => Tokens.ExpireAll(Time.GetUtcNow()));

    /// <summary>The next <paramref name="count"/> requests, whatever they are, are answered with <paramref name="status"/>.</summary>
    public void FailNextRequests(int count, int status = 503) => Locked(() => Faults.FailNext(count, status));

    /// <summary>
    /// Every request for <paramref name="duration"/> from now is answered with <paramref name="status"/>: an outage as a
    /// stretch of time, which a client that backs off (a circuit breaker) sees end when it ends.
    /// </summary>
    public void FailRequestsFor(TimeSpan duration, int status = 503) => Locked(() => Faults.FailUntil(Time.GetUtcNow() + duration, status));

    /// <summary>The next <paramref name="count"/> requests are answered only after <paramref name="delay"/>.</summary>
    public void DelayNextRequests(int count, TimeSpan delay) => Locked(() => Faults.DelayNext(count, delay));

    /// <summary>
    /// A DAG file is written to the bundle: Airflow shows it (or its new tags) once it is parsed, after
    /// <paramref name="parseAfterPolls"/> GETs of the DAG, or at once for 0, or on <see cref="ParseDag"/>. Runs of
    /// that version execute the task graph of <paramref name="source"/> (no tasks without a file). The file's path
    /// in the bundle is <paramref name="fileName"/>, `{dag_id}.py` by default.
    /// </summary>
    public void PublishDag(string dagId, IEnumerable<string>? tags = null, int parseAfterPolls = 0, bool pausedUponCreation = false, string? fileName = null, string? source = null) =>
        Locked(() =>
        {
            if (!Dags.TryGetValue(dagId, out var dag))
            {
                dag = new FakeDag(dagId, fileName ?? dagId + ".py") { IsPaused = pausedUponCreation };
                Dags[dagId] = dag;
            }

            dag.Publish(tags?.ToList() ?? [], source, parseAfterPolls, Time.GetUtcNow());
            ForgetImportErrorsOfParsed(dag);
        });

    /// <summary>The DAG processor parses the published file now.</summary>
    public void ParseDag(string dagId) => Locked(() =>
    {
        var dag = Dag(dagId);
        dag.Parse(Time.GetUtcNow());
        ForgetImportErrorsOfParsed(dag);
    });

    /// <summary>
    /// What the pod of <paramref name="taskId"/> does in runs of the DAG from now on: in every mapped instance, or only
    /// in <paramref name="mapIndex"/>. Tasks without an outcome exit 0.
    /// </summary>
    public void SetOutcome(string dagId, string taskId, FakeTaskOutcome outcome, int? mapIndex = null) =>
        Locked(() => DagOrNew(dagId).SetOutcome(taskId, mapIndex, outcome));

    /// <summary>Shows a task instance in <paramref name="state"/> as it is, e.g. a state a newer Airflow has and Genie does not know.</summary>
    public void ShowTaskState(string dagId, string runId, string taskId, int mapIndex, string state) =>
        Locked(() => Run(dagId, runId).Show(taskId, mapIndex, state, Time.GetUtcNow()));

    /// <summary>
    /// The DAG processor failed to import <paramref name="filename"/> (relative to the bundle, `{dag_id}.py` for DAGs
    /// published here). A DAG from that file turns stale and flagged, and triggers of it get 404, until it parses again.
    /// </summary>
    public int AddImportError(string filename, string stackTrace) => Locked(() =>
    {
        var id = ImportErrors.Count == 0 ? 1 : ImportErrors.Max(e => e.Id) + 1;
        ImportErrors.Add(new FakeImportError(id, filename, stackTrace, Time.GetUtcNow()));
        foreach (var dag in Dags.Values.Where(d => d.RelativeFileloc == filename))
        {
            dag.HasImportErrors = true;
        }

        return id;
    });

    public void SetTaskLog(string dagId, string runId, string taskId, int tryNumber, int mapIndex, params string[] lines) =>
        Locked(() => Logs[(dagId, runId, taskId, tryNumber, mapIndex)] = lines);

    /// <summary>Moves a run <paramref name="steps"/> scheduler steps on, as polls would with <see cref="AutoAdvance"/>.</summary>
    public void Advance(string dagId, string runId, int steps = 1) => Locked(() =>
    {
        var run = Run(dagId, runId);
        for (var i = 0; i < steps; i++)
        {
            run.Advance(Time.GetUtcNow());
        }
    });

    public bool IsPaused(string dagId) => Locked(() => Dag(dagId).IsPaused);

    public IReadOnlyList<string> RunIds(string dagId) => Locked(() => (IReadOnlyList<string>)Dag(dagId).Runs.Keys.ToList());

    /// <summary>The run's state without advancing it.</summary>
    public string RunState(string dagId, string runId) => Locked(() => Run(dagId, runId).State);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    internal void Record(FakeAirflowRequest request)
    {
        lock (Gate)
        {
            _requests.Add(request);
        }
    }

    /// <summary>
    /// What a TriggerDagRunOperator does: a run of the child DAG with the rendered conf, or null (the task fails) when
    /// that DAG is not parsed or fails to import. An existing run of that id is followed again. Call under the lock.
    /// </summary>
    internal FakeDagRun? StartChildRun(FakeChildTrigger trigger, string runId, DateTimeOffset now)
    {
        if (!Dags.TryGetValue(trigger.DagId, out var dag) || !dag.IsParsed || dag.HasImportErrors)
        {
            return null;
        }

        if (!dag.Runs.TryGetValue(runId, out var run))
        {
            var conf = new System.Text.Json.Nodes.JsonObject(trigger.Conf.Select(p => KeyValuePair.Create(p.Key, (System.Text.Json.Nodes.JsonNode?)p.Value)));
            run = new FakeDagRun(this, dag, runId, conf, note: null, now);
            dag.Runs[runId] = run;
        }

        return run;
    }

    private FakeDag DagOrNew(string dagId)
    {
        if (!Dags.TryGetValue(dagId, out var dag))
        {
            dag = new FakeDag(dagId, dagId + ".py");
            Dags[dagId] = dag;
        }

        return dag;
    }

    private FakeDag Dag(string dagId) =>
        Dags.TryGetValue(dagId, out var dag) ? dag : throw new InvalidOperationException($"The fake Airflow has no DAG '{dagId}'; publish it first");

    private FakeDagRun Run(string dagId, string runId) =>
        Dag(dagId).Runs.TryGetValue(runId, out var run) ? run : throw new InvalidOperationException($"The fake Airflow has no run '{runId}' of DAG '{dagId}'");

    /// <summary>A GET of the DAG, which counts towards parsing its pending version. Call under the lock.</summary>
    internal void PollDag(FakeDag dag)
    {
        dag.Poll(Time.GetUtcNow());
        ForgetImportErrorsOfParsed(dag);
    }

    /// <summary>A file that parses cleanly loses its import errors, as in Airflow.</summary>
    private void ForgetImportErrorsOfParsed(FakeDag dag)
    {
        if (!dag.HasImportErrors && dag.IsParsed)
        {
            ImportErrors.RemoveAll(e => e.Filename == dag.RelativeFileloc);
        }
    }

    private T Locked<T>(Func<T> action)
    {
        lock (Gate)
        {
            return action();
        }
    }

    private void Locked(Action action)
    {
        lock (Gate)
        {
            action();
        }
    }
}
