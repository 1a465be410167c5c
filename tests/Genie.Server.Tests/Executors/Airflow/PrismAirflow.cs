namespace Genie.Server.Tests.Executors.Airflow;

/// <summary>
/// Airflow as its official OpenAPI specs describe it: one Prism mock for the v2 REST API and one for the simple auth
/// manager's `/auth/token`, with a handler that routes `/auth/` to the second and records Prism's verdicts.
/// Shared by the contract tests of a class (Prism takes seconds to load the 13k-line spec).
/// </summary>
public sealed class PrismAirflow : IAsyncLifetime
{
    private PrismServer? _api;
    private PrismServer? _auth;

    /// <summary>The base URL to give the client; only the v2 API's Prism listens there.</summary>
    public string BaseUrl => _api!.BaseUri.ToString().TrimEnd('/');

    public string Output => $"--- v2 API Prism:\n{_api?.Output}\n--- auth Prism:\n{_auth?.Output}";

    /// <summary>A handler chain for an HttpClient talking to both Prisms; its recorder collects the exchanges.</summary>
    public PrismRecorder CreateRecorder() => new(new AuthPathRouter(_auth!.BaseUri, new SocketsHttpHandler()));

    public async Task InitializeAsync()
    {
        var api = PrismServer.MockAsync(AirflowReference.Spec(AirflowReference.RestApiSpec));
        var auth = PrismServer.MockAsync(AirflowReference.Spec(AirflowReference.SimpleAuthManagerSpec));
        try
        {
            _api = await api;
            _auth = await auth;
        }
        catch
        {
            await DisposeStartedAsync(api, auth);
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        if (_auth is not null)
        {
            await _auth.DisposeAsync();
        }
    }

    internal static async Task DisposeStartedAsync(params Task<PrismServer>[] starts)
    {
        foreach (var start in starts)
        {
            if (start.IsCompletedSuccessfully)
            {
                await start.Result.DisposeAsync();
            }
        }
    }
}
