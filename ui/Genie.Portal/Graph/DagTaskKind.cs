namespace Genie.Portal.Graph;

/// <summary>What a task runs, as the spec says: a program, a shell script or another job.</summary>
public enum DagTaskKind
{
    Command,
    Script,
    Job,
}
