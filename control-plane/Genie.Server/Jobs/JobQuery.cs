using Genie.Core.Labels;

namespace Genie.Server.Jobs;

/// <summary>
/// A filtered, keyset-paged listing of live jobs; <see cref="After"/> is the last (namespace, name) seen, and
/// <see cref="Visible"/> the namespaces the caller may see (null: all), <see cref="Source"/> the managing source (null: any).
/// </summary>
public sealed record JobQuery(
    string? Namespace,
    string? Group,
    LabelSelector Selector,
    (string Namespace, string Name)? After,
    int Limit,
    IReadOnlySet<string>? Visible = null,
    string? Source = null);
