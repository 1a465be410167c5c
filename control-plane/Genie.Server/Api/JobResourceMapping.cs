using System.Text.Json;
using Genie.Client.Contracts;
using Genie.Server.Jobs;

namespace Genie.Server.Api;

/// <summary>Turns stored jobs and versions into the API's resources.</summary>
public static class JobResourceMapping
{
    public static JobResource ToResource(this StoredJob job) => new(
        job.Namespace, job.Name, job.Group, job.Labels, job.Version, job.ContentHash,
        job.CreatedAt, job.UpdatedAt, ParseJson(job.DefinitionJson), job.Source);

    public static JobVersionResource ToResource(this StoredJobVersion version) => new(
        version.Namespace, version.Name, version.Version, version.ContentHash, version.SourceFormat, version.CreatedAt, version.AppliedBy,
        version.DefinitionJson is null ? null : ParseJson(version.DefinitionJson));

    public static JsonElement ParseJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
