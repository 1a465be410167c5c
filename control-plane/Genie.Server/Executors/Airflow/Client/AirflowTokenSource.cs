using Microsoft.Extensions.Options;

namespace Genie.Server.Executors.Airflow.Client;

/// <summary>
/// Logs in with `POST /auth/token` and keeps the JWT until shortly before its `exp`. Airflow has no refresh endpoint
/// for its simple and FAB auth managers, so renewing means logging in again. One login at a time: callers that find
/// the token stale together share the next one. A singleton, because the handlers that use it are recycled.
/// </summary>
internal sealed class AirflowTokenSource(IAirflowLogin login, IOptions<AirflowOptions> options, TimeProvider time, ILogger<AirflowTokenSource> logger)
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
        var settings = options.Value;
        using var response = await login.CreateTokenAsync(new LoginBody(settings.Username, settings.Password), ct);
        var status = AirflowAnswer.StatusOf(response);
        var code = (int)status;
        if (AirflowResilience.IsOutage(status))
        {
            // Thrown as a transport failure so the attempt that needed the token is retried like any other.
            throw new HttpRequestException($"POST /auth/token answered {code} {status}", null, status);
        }

        if (!response.IsSuccessStatusCode)
        {
            var detail = AirflowErrorDetail.Of(response);
            throw new AirflowApiException(
                $"Airflow at {settings.BaseUrl} refused the login of user '{settings.Username}' with {code}: {detail}", code, detail);
        }

        if (string.IsNullOrEmpty(response.Content?.AccessToken))
        {
            throw new AirflowApiException($"Airflow at {settings.BaseUrl} answered the login without an access_token", code, null);
        }

        logger.LogDebug("Logged in to Airflow at {BaseUri} as {User}", settings.BaseUrl, settings.Username);
        return CachedToken.Issued(response.Content.AccessToken, time.GetUtcNow());
    }
}
