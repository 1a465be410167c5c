namespace Genie.Client.Contracts;

/// <summary>
/// A job's schedule in a listing: cron, zone, paused or not, and the next fire time (null while paused, or when this
/// server cannot resolve the zone). The job's schedule resource has the full picture.
/// </summary>
public sealed record JobScheduleSummary(string Cron, string Timezone, bool Paused, DateTimeOffset? NextFireTime);
