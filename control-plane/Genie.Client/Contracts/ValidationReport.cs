using System.Text.Json;

namespace Genie.Client.Contracts;

/// <summary>A spec that passed validation, as it would be stored (nothing was written).</summary>
public sealed record ValidationReport(bool Valid, string Namespace, string Name, string ContentHash, JsonElement Definition);
