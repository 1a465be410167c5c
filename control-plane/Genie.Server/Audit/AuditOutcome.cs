namespace Genie.Server.Audit;

/// <summary>The one word an audit row gives its HTTP status, so a reader can filter refusals without knowing every code.</summary>
public static class AuditOutcome
{
    public const string Succeeded = "succeeded";
    public const string Rejected = "rejected";
    public const string Denied = "denied";
    public const string Failed = "failed";

    /// <summary>2xx/3xx succeeded; 401 and 403 denied; any other 4xx (validation, not found, conflict, 429) rejected; 5xx failed.</summary>
    public static string Of(int statusCode) => statusCode switch
    {
        < 400 => Succeeded,
        StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden => Denied,
        < 500 => Rejected,
        _ => Failed,
    };
}
