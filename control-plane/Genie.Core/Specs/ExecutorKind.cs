namespace Genie.Core.Specs;

/// <summary>Which backend runs a job.</summary>
public enum ExecutorKind
{
    /// <summary>Compiled to an Airflow DAG and run there.</summary>
    Airflow,

    /// <summary>Run by Genie itself as host processes.</summary>
    Local,
}
