namespace Genie.Core.Specs;

/// <summary>
/// Identity of a job. <see cref="Namespace"/> is null when the document omits it; the server fills it in
/// from the request.
/// </summary>
public sealed record JobMetadata(string Name, string? Namespace, string? Group, IReadOnlyDictionary<string, string> Labels);
