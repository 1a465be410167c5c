namespace Genie.Server.Tests.Executors.Airflow;

/// <summary>
/// Sends `/auth/...` requests to one server and everything else to another, keeping path and query. Prism serves one
/// spec at a time, and Airflow's token endpoint is in the auth manager's spec, not in the v2 API's.
/// </summary>
public sealed class AuthPathRouter(Uri authServer, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri && uri.AbsolutePath.StartsWith("/auth/", StringComparison.Ordinal))
        {
            request.RequestUri = new UriBuilder(uri) { Host = authServer.Host, Port = authServer.Port }.Uri;
        }

        return base.SendAsync(request, cancellationToken);
    }
}
