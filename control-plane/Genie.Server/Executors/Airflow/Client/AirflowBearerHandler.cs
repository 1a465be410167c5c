using System.Net;
using System.Net.Http.Headers;

namespace Genie.Server.Executors.Airflow.Client;

/// <summary>
/// Inside the resilience handler, so once per attempt: sends the cached JWT, and on a 401 (expired, or revoked by an
/// Airflow restarted with a new secret) logs in again once and repeats the request; a second 401 is final.
/// </summary>
internal sealed class AirflowBearerHandler(AirflowTokenSource tokens, ILogger<AirflowBearerHandler> logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await tokens.GetAsync(cancellationToken);
        var response = await SendWithAsync(request, token, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        response.Dispose();
        logger.LogInformation("Airflow answered {Method} {Path} with 401; logging in again", request.Method, request.RequestUri?.AbsolutePath);
        token = await tokens.RenewAsync(token, cancellationToken);
        return await SendWithAsync(request, token, cancellationToken);
    }

    private Task<HttpResponseMessage> SendWithAsync(HttpRequestMessage request, string token, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return base.SendAsync(request, cancellationToken);
    }
}
