using Genie.Server.Executors.Airflow.Client;

namespace Genie.Server.Tests.Executors.Airflow;

/// <summary>
/// The fake Airflow behind Stoplight Prism in proxy mode with `--errors`: every request Genie makes, retries and
/// logins included, is validated against the official specs before it reaches the fake. Two Prisms, because the token
/// endpoint is not in the v2 API's spec but in the simple auth manager's: the recorder's router sends `/auth/` to the
/// second. Started once per collection (Prism takes seconds to load the 13k-line spec); each test starts its own fake
/// on the port both Prisms forward to, and <see cref="ShouldHaveSentOnlyValidRequests"/> fails it on any violation.
/// </summary>
public sealed class AirflowBehindPrism : IAsyncLifetime
{
    private PrismServer? _api;
    private PrismServer? _auth;
    private PrismRecorder? _recorder;
    private FakeAirflow? _airflow;

    /// <summary>Where each test's fake Airflow listens; only Prism talks to it.</summary>
    public int AirflowPort { get; } = PrismServer.FreePort();

    /// <summary>The base URL to configure in Genie: the v2 API's Prism (the recorder reroutes `/auth/`).</summary>
    public string BaseUrl => _api!.BaseUri.ToString().TrimEnd('/');

    /// <summary>The handler to send through; it records every exchange with Prism's verdict.</summary>
    public PrismRecorder Recorder => _recorder!;

    /// <summary>A fresh fake Airflow behind the Prisms, and a fresh record of exchanges.</summary>
    public async Task<FakeAirflow> StartAirflowAsync(TimeProvider? time = null)
    {
        Recorder.Clear();
        _airflow = await FakeAirflow.StartAsync(time, AirflowPort);
        return _airflow;
    }

    /// <summary>Genie's Airflow client as the server builds it, sending through Prism.</summary>
    public AirflowClient Client(Action<AirflowOptions>? adjust = null, TimeProvider? time = null) =>
        TestAirflowClient.For(BaseUrl, adjust, time, Recorder);

    /// <summary>
    /// Fails when Prism found a request that breaks the spec (it answers those itself: 422, 400, 401 without a bearer
    /// token) or a fake answer that breaks it with an error, or when the last fake started received a request that did
    /// not pass through Prism. Warnings stay allowed: a 5xx or 429 the test injected is an answer the spec does not
    /// list, and that is the point of the test.
    /// </summary>
    public void ShouldHaveSentOnlyValidRequests()
    {
        var exchanges = Recorder.Exchanges;
        var broken = exchanges.Where(e => e.RequestViolations.Any() || e.ResponseViolations.Any(v => v.Severity == "Error")).ToList();
        broken.ShouldBeEmpty(
            $"Prism found requests (or answers) that break the official Airflow spec:\n{string.Join('\n', broken)}\n--- all exchanges:\n{string.Join('\n', exchanges)}");

        var throughPrism = exchanges.Select(e => Target(e.Method, e.PathAndQuery)).ToHashSet();
        var bypassed = (_airflow?.Requests ?? []).Select(r => Target(r.Method, r.RawTarget)).Where(t => !throughPrism.Contains(t)).Distinct().ToList();
        bypassed.ShouldBeEmpty("the fake Airflow received requests that did not pass through Prism");
        _airflow = null;
    }

    private static string Target(string method, string pathAndQuery) => $"{method} {Uri.UnescapeDataString(pathAndQuery.Split('?')[0])}";

    public async Task InitializeAsync()
    {
        var upstream = $"http://127.0.0.1:{AirflowPort}";
        var api = PrismServer.ProxyAsync(AirflowReference.Spec(AirflowReference.RestApiSpec), upstream);
        var auth = PrismServer.ProxyAsync(AirflowReference.Spec(AirflowReference.SimpleAuthManagerSpec), upstream);
        try
        {
            _api = await api;
            _auth = await auth;
        }
        catch
        {
            await PrismAirflow.DisposeStartedAsync(api, auth);
            throw;
        }

        _recorder = new PrismRecorder(new AuthPathRouter(_auth.BaseUri, new SocketsHttpHandler()));
    }

    public async Task DisposeAsync()
    {
        _recorder?.Dispose();
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        if (_auth is not null)
        {
            await _auth.DisposeAsync();
        }
    }
}
