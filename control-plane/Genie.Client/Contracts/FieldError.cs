namespace Genie.Client.Contracts;

/// <summary>One thing wrong with a request, located by its path (`spec.tasks[2].dependsOn[0]`, `query.limit`).</summary>
public sealed record FieldError(string Path, string Message);
