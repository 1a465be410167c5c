namespace Genie.Server.Executors.Airflow.Client;

/// <summary>One call of the v2 API: the path below `/api/v2/` (segments escaped), an optional JSON body, and the statuses besides 2xx that the caller turns into a result.</summary>
internal sealed record AirflowRequest(HttpMethod Method, string PathAndQuery, object? Body = null, params IReadOnlyList<int> Handled)
{
    public override string ToString() => $"{Method} /api/v2/{PathAndQuery}";
}
