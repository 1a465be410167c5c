using System.Text.Json;

namespace Genie.Client.Contracts;

/// <summary>
/// A job as the API shows it: its identity, its current version and that version's canonical definition, and the
/// source that manages it (set by `apply ?source=`; `genie apply --prune` deletes only its own source's jobs); listings
/// add its <see cref="Activity"/> (latest run, success of recent runs, schedule) so a list needs no request per job.
/// </summary>
public sealed record JobResource(
    string Namespace,
    string Name,
    string? Group,
    IReadOnlyDictionary<string, string> Labels,
    int Version,
    string ContentHash,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    JsonElement Definition,
    string? Source = null,
    JobActivity? Activity = null);
