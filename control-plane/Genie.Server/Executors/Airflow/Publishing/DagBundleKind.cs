namespace Genie.Server.Executors.Airflow.Publishing;

/// <summary>The kind of Airflow DAG bundle Genie publishes into.</summary>
public enum DagBundleKind
{
    /// <summary>A folder read by Airflow's LocalDagBundle.</summary>
    Folder,

    /// <summary>A bucket and prefix read by Airflow's S3DagBundle.</summary>
    S3,
}
