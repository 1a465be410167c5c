namespace Genie.Core.Airflow;

/// <summary>
/// The Airflow release a generated DAG file is written for. Only what differs between releases depends
/// on it: <c>retry_exponential_backoff</c> is a bool up to 3.1 and a float multiplier from 3.2 on.
/// </summary>
public enum AirflowTarget
{
    /// <summary>Airflow 3.0.x.</summary>
    V3_0,

    /// <summary>Airflow 3.1.x.</summary>
    V3_1,

    /// <summary>Airflow 3.2.x and later.</summary>
    V3_2,
}
