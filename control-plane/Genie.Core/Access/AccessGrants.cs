namespace Genie.Core.Access;

/// <summary>Everything one caller may do: the union of its grants.</summary>
public sealed class AccessGrants
{
    public AccessGrants(IEnumerable<Grant> grants) => All = grants.Distinct().ToList();

    /// <summary>No rights at all.</summary>
    public static AccessGrants None { get; } = new([]);

    public IReadOnlyList<Grant> All { get; }

    public bool IsClusterAdmin => All.Any(g => g.IsClusterAdmin);

    /// <summary>The highest role the caller holds in <paramref name="ns"/>, or null when it may not see the namespace at all.</summary>
    public NamespaceRole? RoleIn(string ns) => All.Select(g => g.RoleIn(ns)).Max();

    public bool Allows(NamespaceRole needed, string ns) => RoleIn(ns) >= needed;

    /// <summary>
    /// The namespaces the caller may see with at least <paramref name="needed"/>, or null when that is every namespace
    /// (a cluster administrator, or a grant on `*`); cross-namespace lists filter by it.
    /// </summary>
    public IReadOnlySet<string>? Namespaces(NamespaceRole needed = NamespaceRole.Viewer)
    {
        var usable = All.Where(g => g.Role >= needed).ToList();
        return usable.Any(g => g.Namespace is null or Grant.EveryNamespace)
            ? null
            : usable.Select(g => g.Namespace!).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Reads stored grant texts; one that no longer parses gives no right rather than failing the caller.</summary>
    public static AccessGrants FromTexts(IEnumerable<string>? texts) =>
        new((texts ?? []).Select(t => Grant.TryParse(t, out var grant, out _) ? grant : null).OfType<Grant>());

    public IReadOnlyList<string> Texts() => All.Select(g => g.ToString()).ToList();
}
