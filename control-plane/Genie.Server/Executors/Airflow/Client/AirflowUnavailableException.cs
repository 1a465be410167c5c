namespace Genie.Server.Executors.Airflow.Client;

/// <summary>Airflow could not be reached, or kept answering 5xx/429, through every retry of one request.</summary>
public sealed class AirflowUnavailableException : Exception
{
    public AirflowUnavailableException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>The status of the last answer, or null when the last attempt got no answer at all.</summary>
    public int? LastStatusCode { get; init; }
}
