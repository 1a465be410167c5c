using System.Globalization;
using Refit;

namespace Genie.Server.Telemetry;

/// <summary>
/// The outermost handler of the Airflow API client: one count and one duration per call Genie makes (retries inside it),
/// by operation (the client method's name, from Refit) and outcome (the final HTTP status, or the exception's type).
/// </summary>
public sealed class AirflowCallMetrics(GenieInstruments instruments, TimeProvider time) : DelegatingHandler
{
    // Refit's generated clients name the interface method here (they set no RestMethodInfo).
    private static readonly HttpRequestOptionsKey<string> MethodKey = new(HttpRequestMessageOptions.MethodName);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var operation = request.Options.TryGetValue(MethodKey, out var method) ? method : request.Method.Method;
        var started = time.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            instruments.RecordAirflowCall(operation, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), time.GetElapsedTime(started));
            return response;
        }
        catch (Exception e)
        {
            instruments.RecordAirflowCall(operation, e.GetType().Name, time.GetElapsedTime(started));
            throw;
        }
    }
}
