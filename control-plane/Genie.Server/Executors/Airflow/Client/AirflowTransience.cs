using System.Net;

namespace Genie.Server.Executors.Airflow.Client;

/// <summary>Which failures are worth retrying: Airflow being down, overloaded or slow, never a refusal of the request itself.</summary>
internal static class AirflowTransience
{
    public static bool IsTransient(HttpStatusCode status) => (int)status >= 500 || status == HttpStatusCode.TooManyRequests;

    /// <summary>
    /// Connection failures, the per-attempt timeout, and HttpClient's own timeout (a cancellation whose inner exception
    /// is a TimeoutException). A cancellation by the caller is not transient.
    /// </summary>
    public static bool IsTransient(Exception exception) => exception is HttpRequestException
        or Polly.Timeout.TimeoutRejectedException
        or TaskCanceledException { InnerException: TimeoutException };
}
