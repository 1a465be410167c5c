using System.Globalization;

namespace Genie.Server.Executors.Airflow;

/// <summary>
/// The `log_path` of an attempt that ran in Airflow: `airflow:DAG_ID/TASK_ID/MAP_INDEX`; with the run id and
/// the try number (both in the attempt row) it locates the log in Airflow's API.
/// </summary>
public static class AirflowLogReference
{
    private const string Prefix = "airflow:";

    public static string Format(string dagId, string taskId, int mapIndex) =>
        $"{Prefix}{dagId}/{taskId}/{mapIndex.ToString(CultureInfo.InvariantCulture)}";

    public static bool TryParse(string logPath, out (string DagId, string TaskId, int MapIndex) reference)
    {
        reference = default;
        if (!logPath.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = logPath[Prefix.Length..].Split('/');
        if (parts.Length != 3 || !int.TryParse(parts[2], CultureInfo.InvariantCulture, out var mapIndex))
        {
            return false;
        }

        reference = (parts[0], parts[1], mapIndex);
        return true;
    }
}
