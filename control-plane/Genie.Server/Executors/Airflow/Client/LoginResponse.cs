namespace Genie.Server.Executors.Airflow.Client;

/// <summary>`LoginResponse` of `POST /auth/token`.</summary>
internal sealed record LoginResponse(string? AccessToken);
