using System.Diagnostics.CodeAnalysis;
using Genie.Core.Specs;

namespace Genie.Core.Access;

/// <summary>
/// One right of a caller, as written in API keys and mapped from token claims: `{role}:{namespace}` (`operator:team-a`),
/// `{role}:*` for every namespace, or `cluster-admin` for everything including keys, housekeeping and the dashboard.
/// </summary>
public sealed record Grant
{
    public const string ClusterAdminText = "cluster-admin";
    public const string EveryNamespace = "*";

    private Grant(NamespaceRole role, string? ns)
    {
        Role = role;
        Namespace = ns;
    }

    /// <summary>The grant of a cluster administrator.</summary>
    public static Grant ClusterAdmin { get; } = new(NamespaceRole.Admin, null);

    /// <summary>The role; a cluster administrator holds <see cref="NamespaceRole.Admin"/> everywhere.</summary>
    public NamespaceRole Role { get; }

    /// <summary>The namespace, <see cref="EveryNamespace"/> for all of them, null for the cluster administrator.</summary>
    public string? Namespace { get; }

    public bool IsClusterAdmin => Namespace is null;

    /// <summary>A grant of <paramref name="role"/> in <paramref name="ns"/> (or <see cref="EveryNamespace"/>).</summary>
    public static Grant In(NamespaceRole role, string ns) => new(role, ns);

    /// <summary>The role this grant gives in <paramref name="ns"/>, or null when it gives none there.</summary>
    public NamespaceRole? RoleIn(string ns) =>
        Namespace is null or EveryNamespace || string.Equals(Namespace, ns, StringComparison.Ordinal) ? Role : null;

    public static bool TryParse(string? text, [NotNullWhen(true)] out Grant? grant, out string error)
    {
        grant = null;
        error = "";
        if (string.Equals(text, ClusterAdminText, StringComparison.Ordinal))
        {
            grant = ClusterAdmin;
            return true;
        }

        var colon = text?.IndexOf(':') ?? -1;
        if (text is null || colon < 0)
        {
            error = $"a grant is `{ClusterAdminText}` or `role:namespace` with role viewer, operator or admin (namespace `*` for all)";
            return false;
        }

        var (roleText, ns) = (text[..colon], text[(colon + 1)..]);
        NamespaceRole? role = roleText switch
        {
            "viewer" => NamespaceRole.Viewer,
            "operator" => NamespaceRole.Operator,
            "admin" => NamespaceRole.Admin,
            _ => null,
        };
        if (role is null)
        {
            error = $"unknown role `{roleText}`: use viewer, operator or admin";
            return false;
        }

        if (ns != EveryNamespace && !SpecNames.IsDns1123Label(ns))
        {
            error = $"`{ns}` is not a namespace name (or `*` for every namespace)";
            return false;
        }

        grant = new Grant(role.Value, ns);
        return true;
    }

    public static Grant Parse(string text) =>
        TryParse(text, out var grant, out var error) ? grant : throw new FormatException(error);

    public override string ToString() => Namespace is null ? ClusterAdminText : $"{Role.ToString().ToLowerInvariant()}:{Namespace}";
}
