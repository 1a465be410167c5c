namespace Genie.Core.Access;

/// <summary>A caller's role in one namespace; each role includes everything the roles before it may do.</summary>
public enum NamespaceRole
{
    /// <summary>Reads jobs, versions, runs, logs, schedules and generated DAGs.</summary>
    Viewer = 1,

    /// <summary>Also applies and deletes jobs, triggers and controls runs, pauses and resumes schedules, lists secret names.</summary>
    Operator = 2,

    /// <summary>Also writes the namespace's secrets and reads its audit log.</summary>
    Admin = 3,
}
