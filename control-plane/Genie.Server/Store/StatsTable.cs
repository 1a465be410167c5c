namespace Genie.Server.Store;

/// <summary>The tables the Flink jobs' JDBC sink fills (migration 0015), each the fast path of some stats figures.</summary>
public enum StatsTable
{
    RunsMinute,
    ScheduleLag,
    TaskFailures,
}
