namespace Genie.Core.Specs;

/// <summary>
/// One problem in a job spec: <see cref="Path"/> points at the offending value
/// (`spec.tasks[2].dependsOn[0]`, `metadata.name`; empty for the whole document).
/// </summary>
public sealed record SpecError(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Path.Length == 0 ? Message : $"{Path}: {Message}";
}
