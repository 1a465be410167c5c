using System.Net.Http.Json;

namespace Genie.Server.Executors.Airflow.Client;

/// <summary>
/// Logs in with `POST /auth/token` and keeps the JWT until shortly before its `exp`. Airflow has no refresh endpoint
/// for its simple and FAB auth managers, so renewing means logging in again. One login at a time: callers that find
/// the token stale together share the next one.
/// </summary>
internal sealed class AirflowTokenSource(HttpClient http, AirflowEndpoint endpoint, AirflowOptions options, TimeProvider time, ILogger logger)
{
    private readonly SemaphoreSlim _login = new(1, 1);
    private CachedToken? _current;

    public async Task<string> GetAsync(CancellationToken ct)
    {
        var current = Volatile.Read(ref _current);
        return current is not null && current.IsUsableAt(time.GetUtcNow())
            ? current.Value
            : await RenewAsync(current?.Value, ct);
    }

    /// <summary>Logs in again, unless another caller already replaced <paramref name="rejected"/> with a usable token.</summary>
    public async Task<string> RenewAsync(string? rejected, CancellationToken ct)
    {
        await _login.WaitAsync(ct);
        try
        {
            var current = _current;
            if (current is not null && current.Value != rejected && current.IsUsableAt(time.GetUtcNow()))
            {
                return current.Value;
            }

            var token = await LoginAsync(ct);
            Volatile.Write(ref _current, token);
            return token.Value;
        }
        finally
        {
            _login.Release();
        }
    }

    private async Task<CachedToken> LoginAsync(CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.TokenUri)
        {
            Content = AirflowJson.Content(AirflowJson.Serialize(new LoginBody(options.Username, options.Password))),
        };
        using var response = await http.SendAsync(request, ct);
        if (AirflowTransience.IsTransient(response.StatusCode))
        {
            // Thrown as a transport failure so the request that needed the token retries it like any other.
            throw new HttpRequestException($"POST {endpoint.TokenUri} answered {(int)response.StatusCode} {response.StatusCode}", null, response.StatusCode);
        }

        if (!response.IsSuccessStatusCode)
        {
            var detail = AirflowErrorDetail.From(await response.Content.ReadAsStringAsync(ct));
            throw new AirflowApiException(
                $"Airflow at {endpoint.BaseUri} refused the login of user '{options.Username}' with {(int)response.StatusCode}: {detail}",
                (int)response.StatusCode,
                detail);
        }

        var login = await response.Content.ReadFromJsonAsync<LoginResponse>(AirflowJson.Options, ct);
        if (string.IsNullOrEmpty(login?.AccessToken))
        {
            throw new AirflowApiException($"Airflow at {endpoint.BaseUri} answered the login without an access_token", (int)response.StatusCode, null);
        }

        logger.LogDebug("Logged in to Airflow at {BaseUri} as {User}", endpoint.BaseUri, options.Username);
        return CachedToken.Issued(login.AccessToken, time.GetUtcNow());
    }
}
