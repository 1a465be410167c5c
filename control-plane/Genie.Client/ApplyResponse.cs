using Genie.Client.Contracts;

namespace Genie.Client;

/// <summary>The result of an apply together with the job's new ETag, for a later `If-Match`.</summary>
public sealed record ApplyResponse(ApplyResult Result, string? ETag);
