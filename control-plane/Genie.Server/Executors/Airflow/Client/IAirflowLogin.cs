using Refit;

namespace Genie.Server.Executors.Airflow.Client;

/// <summary>
/// The token endpoint of Airflow's simple and FAB auth managers (`POST /auth/token`, beside `/api/v2` below the base
/// URL). Its own client, without the bearer handler and without retries: it is called from inside an attempt of an
/// API call, whose retries cover it.
/// </summary>
[Headers("Accept: application/json")]
internal interface IAirflowLogin
{
    [Post("/auth/token")]
    Task<IApiResponse<LoginResponse>> CreateTokenAsync([Body] LoginBody body, CancellationToken ct);
}
