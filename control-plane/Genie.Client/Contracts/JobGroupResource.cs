namespace Genie.Client.Contracts;

/// <summary>
/// A job group of one namespace (the spec's `metadata.group`): how many live jobs it has, and of those how many
/// last ran successfully, last failed, or have a run going now.
/// </summary>
public sealed record JobGroupResource(string Namespace, string Name, int Jobs, int LastSucceeded, int LastFailed, int Running);
