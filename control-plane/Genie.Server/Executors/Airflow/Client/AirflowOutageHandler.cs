using Microsoft.Extensions.Options;
using Polly;

namespace Genie.Server.Executors.Airflow.Client;

/// <summary>
/// Outside the resilience handler: what is still a transient failure after every retry (a 5xx or 429 answer, no
/// answer, timeouts, an open circuit) becomes <see cref="AirflowUnavailableException"/>, naming the call and how many
/// attempts it made. Refusals of the request itself pass through for <see cref="AirflowClient"/> to read.
/// </summary>
internal sealed class AirflowOutageHandler(IOptions<AirflowOptions> options) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Handed to the resilience handler through the request, so its retries are counted where this handler can read them.
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        request.SetResilienceContext(context);
        try
        {
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, cancellationToken);
            }
            catch (Exception e) when (AirflowResilience.IsOutage(e) && !cancellationToken.IsCancellationRequested)
            {
                throw new AirflowUnavailableException(
                    $"Airflow at {options.Value.BaseUrl} is unavailable: {Describe(request)} failed in {Attempts(context)}, last with: {e.Message}", e)
                {
                    LastStatusCode = e is HttpRequestException { StatusCode: { } status } ? (int)status : null,
                };
            }

            if (!AirflowResilience.IsOutage(response.StatusCode))
            {
                return response;
            }

            using (response)
            {
                var code = (int)response.StatusCode;
                var detail = AirflowErrorDetail.From(await response.Content.ReadAsStringAsync(cancellationToken));
                throw new AirflowUnavailableException(
                    $"Airflow at {options.Value.BaseUrl} is unavailable: {Describe(request)} answered {code} {response.StatusCode} in {Attempts(context)}: {detail}")
                {
                    LastStatusCode = code,
                };
            }
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static string Describe(HttpRequestMessage request) => $"{request.Method} {request.RequestUri?.AbsolutePath}";

    private static string Attempts(ResilienceContext context)
    {
        var attempts = context.Properties.GetValue(AirflowResilience.Retries, 0) + 1;
        return attempts == 1 ? "1 attempt" : $"{attempts} attempts";
    }
}
