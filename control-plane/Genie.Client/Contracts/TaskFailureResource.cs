namespace Genie.Client.Contracts;

/// <summary>A task of a job and how many of its instances failed (a failure hotspot).</summary>
public sealed record TaskFailureResource(string Namespace, string Job, string Task, long Failures);
