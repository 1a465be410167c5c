namespace Genie.Client.Contracts;

/// <summary>The answer to applying a spec; with <see cref="DryRun"/> nothing was written.</summary>
public sealed record ApplyResult(ApplyOutcome Outcome, bool DryRun, JobResource Job);
