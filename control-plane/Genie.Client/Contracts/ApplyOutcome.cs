using System.Text.Json.Serialization;

namespace Genie.Client.Contracts;

/// <summary>What applying a spec did to the job.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ApplyOutcome>))]
public enum ApplyOutcome
{
    /// <summary>The job did not exist (or was deleted) and now does.</summary>
    [JsonStringEnumMemberName("created")] Created,

    /// <summary>The spec changed, so a new version was recorded.</summary>
    [JsonStringEnumMemberName("updated")] Updated,

    /// <summary>The spec means the same as the current version; nothing was written.</summary>
    [JsonStringEnumMemberName("unchanged")] Unchanged,
}
