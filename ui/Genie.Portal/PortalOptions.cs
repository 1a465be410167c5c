namespace Genie.Portal;

/// <summary>The portal's settings under `Genie:Portal`: which Genie server it talks to and how patiently.</summary>
public sealed record PortalOptions
{
    public const string Section = "Genie:Portal";

    /// <summary>The Genie server's base address; every page reads and writes through its REST API.</summary>
    public Uri ServerUrl { get; init; } = new("http://127.0.0.1:8080");

    /// <summary>How long one API call may take before the page reports the server as not answering.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the layout asks the server whether it answers, to raise and clear the banner.</summary>
    public TimeSpan HealthInterval { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How long a live page waits after an event before reading again, so one read covers a burst of events (and a
    /// busy namespace makes a page read at most about this often).
    /// </summary>
    public TimeSpan EventBurstWindow { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The Airflow UI's base address; airflow runs then link to their DAG run there. Null: the DAG id and run id are shown as text.</summary>
    public Uri? AirflowUiUrl { get; init; }

    /// <summary>
    /// A tracing UI's trace page with `{traceId}` in it, for runs whose server names no tracing UI itself
    /// (`Genie:Telemetry:TraceUrlTemplate` there fills in the run's `traceUrl`, which wins).
    /// </summary>
    public string? TraceUrlTemplate { get; init; }

    /// <summary>Sign-in through an OpenID Connect provider, beside API keys; off until configured.</summary>
    public Session.PortalOidcOptions Oidc { get; init; } = new();
}
