using Genie.Core.Access;
using Genie.Server.Store;

namespace Genie.Server.Events;

/// <summary>
/// Which events one stream shows: the client's filters (null: any) within what the caller may see. <see cref="Visible"/>
/// null means every namespace; events without a namespace (of the whole cluster) go only to cluster admins.
/// </summary>
public sealed record EventFilter(string? Namespace, string? Job, string? Run, IReadOnlySet<string>? Visible, bool ClusterWide)
{
    /// <summary>The filters of a request by a caller holding <paramref name="grants"/>.</summary>
    public static EventFilter For(AccessGrants grants, string? ns, string? job, string? run) =>
        new(ns, job, run, grants.Namespaces(), grants.IsClusterAdmin);

    public bool Matches(StoredEvent e) =>
        (e.Namespace is null ? ClusterWide : Visible is null || Visible.Contains(e.Namespace))
        && (Namespace is null || Namespace == e.Namespace)
        && (Job is null || Job == e.Job)
        && (Run is null || (e.AggregateType == "run" && e.AggregateId == Run));

    /// <summary>The same filter for reading the table.</summary>
    public EventStreamQuery ToQuery() => new(Namespace, Job, Run, Visible?.ToArray(), ClusterWide);
}
