using System.Net;
using System.Runtime.ExceptionServices;
using Refit;

namespace Genie.Server.Executors.Airflow.Client;

/// <summary>
/// The status of a Refit response that may have no answer behind it: Refit keeps a failure to send in the response,
/// and that failure (an outage already typed by <see cref="AirflowOutageHandler"/>, a refused login, a cancellation)
/// is rethrown as it was.
/// </summary>
internal static class AirflowAnswer
{
    public static HttpStatusCode StatusOf(IApiResponse response)
    {
        if (response.StatusCode is { } status)
        {
            return status;
        }

        var failure = response.Error is ApiRequestException { InnerException: { } inner } ? inner : response.Error;
        if (failure is not null)
        {
            ExceptionDispatchInfo.Throw(failure);
        }

        throw new InvalidOperationException("Refit returned a response without a status and without an error");
    }
}
