namespace Genie.Core.Specs;

/// <summary>
/// Compute resources: <see cref="Cpu"/> and <see cref="Memory"/> are requests, <see cref="Limits"/> caps
/// (never below the request). A task's resources override the defaults field by field.
/// </summary>
public sealed record ResourceSpec(Quantity? Cpu, Quantity? Memory, ResourceLimits? Limits);

/// <summary>Upper bounds on compute resources.</summary>
public sealed record ResourceLimits(Quantity? Cpu, Quantity? Memory);
