namespace Genie.Server.Tests.Scheduling;

/// <summary>Job specs with a schedule, for the scheduling tests.</summary>
public static class ScheduledSpecs
{
    public static string Job(string name, string cron, string timezone = "UTC", bool catchUp = false, string? concurrency = null) => $"""
        apiVersion: genie.dev/v1
        kind: Job
        metadata: {"{"}name: {name}{"}"}
        spec:
          schedule: {"{"}cron: "{cron}", timezone: {timezone}, catchUp: {(catchUp ? "true" : "false")}{"}"}
        {(concurrency is null ? "" : $"  concurrency: {concurrency}\n")}  tasks:
            - name: work
              command: ["true"]
        """;

    public static string Unscheduled(string name) => $"""
        apiVersion: genie.dev/v1
        kind: Job
        metadata: {"{"}name: {name}{"}"}
        spec:
          tasks:
            - name: work
              command: ["true"]
        """;
}
