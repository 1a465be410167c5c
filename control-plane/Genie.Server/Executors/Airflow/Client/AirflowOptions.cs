namespace Genie.Server.Executors.Airflow.Client;

/// <summary>How Genie reaches Airflow's REST API (section `Genie:Airflow`).</summary>
public sealed class AirflowOptions
{
    public const string Section = "Genie:Airflow";

    /// <summary>
    /// The api-server's base URL, for example `http://airflow:8080` or `https://host/airflow` when Airflow's
    /// `[api] base_url` has a path; both `/auth/token` and `/api/v2` sit below it. Empty means no Airflow.
    /// </summary>
    public string? BaseUrl { get; set; }

    /// <summary>The account Genie logs in with; it should be allowed to read all DAGs, or import errors of new files stay hidden.</summary>
    public string Username { get; set; } = "admin";

    public string Password { get; set; } = "";

    /// <summary>The longest one HTTP attempt may take before it counts as failed and is retried.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after the first attempt on 5xx, 429, connection failures and timeouts.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>The first retry's delay; later ones grow exponentially, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public bool Enabled => !string.IsNullOrWhiteSpace(BaseUrl);

    /// <summary>
    /// <see cref="BaseUrl"/> as the base address of Airflow's clients, ending in `/` so that a path in it (Airflow's
    /// `[api] base_url`) is kept; null unless it is an http(s) URL.
    /// </summary>
    internal Uri? BaseAddress =>
        !string.IsNullOrWhiteSpace(BaseUrl) && Uri.TryCreate(BaseUrl.Trim(), UriKind.Absolute, out var parsed) &&
        (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps)
            ? new Uri(parsed.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/")
            : null;
}
