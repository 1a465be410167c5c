namespace Genie.Core.Specs;

/// <summary>
/// Size limits applied while parsing a spec, so hostile documents fail fast instead of exhausting memory.
/// Bindable from configuration.
/// </summary>
public sealed record SpecLimits
{
    /// <summary>The limits used when none are given.</summary>
    public static SpecLimits Default { get; } = new();

    /// <summary>Largest document, counted in UTF-8 bytes.</summary>
    public int MaxDocumentBytes { get; init; } = 262_144;

    /// <summary>Deepest nesting of mappings and lists.</summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>Most nodes (scalars, lists, mappings), counted after YAML aliases are expanded.</summary>
    public int MaxNodes { get; init; } = 50_000;

    /// <summary>Most tasks in one job.</summary>
    public int MaxTasks { get; init; } = 500;

    /// <summary>Largest <c>replicas</c> of one task.</summary>
    public int MaxReplicas { get; init; } = 1_000;

    /// <summary>Most declared params.</summary>
    public int MaxParams { get; init; } = 100;

    /// <summary>Longest single scalar, counted in UTF-8 bytes.</summary>
    public int MaxStringBytes { get; init; } = 65_536;

    /// <summary>Most labels on a job.</summary>
    public int MaxLabels { get; init; } = 64;

    /// <summary>Most <c>dependsOn</c> entries of one task.</summary>
    public int MaxDependsOn { get; init; } = 100;

    /// <summary>Most errors reported for one document; the rest are summarised in one final error.</summary>
    public int MaxErrors { get; init; } = 100;
}
