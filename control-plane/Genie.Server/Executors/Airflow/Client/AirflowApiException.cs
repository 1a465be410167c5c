namespace Genie.Server.Executors.Airflow.Client;

/// <summary>Airflow refused a request with a status that retrying cannot fix (a 4xx the client does not turn into a result).</summary>
public sealed class AirflowApiException : Exception
{
    public AirflowApiException(string message, int statusCode, string? detail)
        : base(message)
    {
        StatusCode = statusCode;
        Detail = detail;
    }

    public int StatusCode { get; }

    /// <summary>Airflow's `detail`: its message, or the validation errors of a 422 as `loc: msg` lines.</summary>
    public string? Detail { get; }
}
