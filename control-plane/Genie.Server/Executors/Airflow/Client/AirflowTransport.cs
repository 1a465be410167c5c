using System.Net;
using System.Net.Http.Headers;
using Polly;

namespace Genie.Server.Executors.Airflow.Client;

/// <summary>
/// Sends one v2 API call with a bearer token, through the retry/timeout pipeline, and sorts the answer: 2xx and the
/// statuses the caller handles come back; a 401 is answered by logging in again once; Airflow still failing after the
/// retries becomes <see cref="AirflowUnavailableException"/>, any other refusal <see cref="AirflowApiException"/>.
/// </summary>
internal sealed class AirflowTransport
{
    private readonly HttpClient _http;
    private readonly AirflowEndpoint _endpoint;
    private readonly AirflowTokenSource _tokens;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly ILogger _logger;

    public AirflowTransport(HttpClient http, AirflowOptions options, TimeProvider time, ILogger logger)
    {
        _http = http;
        _endpoint = new AirflowEndpoint(options.BaseUrl);
        _tokens = new AirflowTokenSource(http, _endpoint, options, time, logger);
        _pipeline = AirflowResilience.Build(options, time, logger);
        _logger = logger;
    }

    /// <summary>The caller disposes the response.</summary>
    public async Task<HttpResponseMessage> SendAsync(AirflowRequest request, CancellationToken ct)
    {
        var body = request.Body is null ? null : AirflowJson.Serialize(request.Body);
        var attempts = 0;
        var context = ResilienceContextPool.Shared.Get(ct);
        context.Properties.Set(AirflowResilience.RequestName, request.ToString());
        HttpResponseMessage response;
        try
        {
            response = await _pipeline.ExecuteAsync(
                async attempt =>
                {
                    attempts++;
                    return await AttemptAsync(request, body, attempt.CancellationToken);
                },
                context);
        }
        catch (Exception e) when (AirflowTransience.IsTransient(e) && !ct.IsCancellationRequested)
        {
            throw new AirflowUnavailableException(
                $"Airflow at {_endpoint.BaseUri} is unavailable: {request} failed in {Describe(attempts)}, last with: {e.Message}", e)
            {
                LastStatusCode = e is HttpRequestException { StatusCode: { } status } ? (int)status : null,
            };
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        var code = (int)response.StatusCode;
        if (response.IsSuccessStatusCode || request.Handled.Contains(code))
        {
            return response;
        }

        using (response)
        {
            var detail = AirflowErrorDetail.From(await response.Content.ReadAsStringAsync(ct));
            if (AirflowTransience.IsTransient(response.StatusCode))
            {
                throw new AirflowUnavailableException(
                    $"Airflow at {_endpoint.BaseUri} is unavailable: {request} answered {code} {response.StatusCode} in {Describe(attempts)}: {detail}")
                {
                    LastStatusCode = code,
                };
            }

            throw new AirflowApiException($"Airflow refused {request} with {code} {response.StatusCode}: {detail}", code, detail);
        }
    }

    private async Task<HttpResponseMessage> AttemptAsync(AirflowRequest request, byte[]? body, CancellationToken ct)
    {
        var token = await _tokens.GetAsync(ct);
        var response = await SendOnceAsync(request, body, token, ct);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        // Expired or revoked (Airflow restarted with a new secret): log in again, once; a second 401 is final.
        response.Dispose();
        _logger.LogInformation("Airflow answered {Request} with 401; logging in again", request);
        token = await _tokens.RenewAsync(token, ct);
        return await SendOnceAsync(request, body, token, ct);
    }

    private async Task<HttpResponseMessage> SendOnceAsync(AirflowRequest request, byte[]? body, string token, CancellationToken ct)
    {
        using var message = new HttpRequestMessage(request.Method, _endpoint.Api(request.PathAndQuery));
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            message.Content = AirflowJson.Content(body);
        }

        return await _http.SendAsync(message, ct);
    }

    private static string Describe(int attempts) => attempts == 1 ? "1 attempt" : $"{attempts} attempts";
}
