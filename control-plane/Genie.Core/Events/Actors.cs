namespace Genie.Core.Events;

/// <summary>
/// Who a change is recorded against. Genie's own parts have fixed names; people and API keys will be named
/// by authentication (`user:...`, `key:...`); until it exists, every API call is `api`.
/// </summary>
public static class Actors
{
    public const string Api = "api";
    public const string Scheduler = "scheduler";
    public const string Executor = "executor";
    public const string Airflow = "airflow";
    public const string Housekeeping = "housekeeping";
}
