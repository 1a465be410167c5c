namespace Genie.Server.Executors.Airflow.Client;

/// <summary>
/// The URLs of one Airflow api-server. Both the token endpoint and the API sit below the base URL, which may carry a
/// path (Airflow's `[api] base_url`). Path segments are escaped, because Airflow's own run ids contain `+` and `:`.
/// </summary>
internal sealed class AirflowEndpoint
{
    private readonly string _base;

    public AirflowEndpoint(string? baseUrl)
    {
        if (string.IsNullOrWhiteSpace(baseUrl) || !Uri.TryCreate(baseUrl.Trim(), UriKind.Absolute, out var parsed) ||
            (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidOperationException(
                $"{AirflowOptions.Section}:BaseUrl must be the http(s) URL of Airflow's api-server, but is '{baseUrl}'");
        }

        _base = parsed.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/";
        BaseUri = new Uri(_base);
        TokenUri = new Uri(_base + "auth/token");
    }

    public Uri BaseUri { get; }

    public Uri TokenUri { get; }

    /// <summary>An absolute URI of the v2 API from a path below `/api/v2/` whose segments are already escaped.</summary>
    public Uri Api(string pathAndQuery) => new(_base + "api/v2/" + pathAndQuery);

    public static string Segment(string value) => Uri.EscapeDataString(value);
}
