namespace Genie.Core.Specs;

/// <summary>The outcome of parsing a spec: a job when the document is valid, otherwise every error found.</summary>
public sealed record SpecParseResult(JobDefinition? Job, IReadOnlyList<SpecError> Errors)
{
    /// <summary>True when the document parsed into a job with no errors.</summary>
    public bool IsValid => Job is not null && Errors.Count == 0;
}
