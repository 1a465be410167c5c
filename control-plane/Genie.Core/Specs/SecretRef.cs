namespace Genie.Core.Specs;

/// <summary>A reference to one key of a named secret, exposed to the task as environment variable <see cref="Env"/>.</summary>
public sealed record SecretRef(string Name, string Key, string Env);
