namespace Genie.Server.Executors.Airflow.Client;

/// <summary>`LoginBody` of `POST /auth/token`: exactly these two fields.</summary>
internal sealed record LoginBody(string Username, string Password);
