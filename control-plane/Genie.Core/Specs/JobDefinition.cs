namespace Genie.Core.Specs;

/// <summary>A parsed and validated <c>genie.dev/v1</c> <c>Job</c> document.</summary>
public sealed record JobDefinition(string ApiVersion, string Kind, JobMetadata Metadata, JobSpec Spec)
{
    /// <summary>The only <c>apiVersion</c> this model describes.</summary>
    public const string CurrentApiVersion = "genie.dev/v1";

    /// <summary>The only <c>kind</c> this model describes.</summary>
    public const string JobKind = "Job";
}
