namespace Genie.Core.Tests.Specs;

/// <summary>Spec documents shared by the tests.</summary>
internal static class SpecDocuments
{
    /// <summary>
    /// The example of the brief, verbatim; its <c>load</c> task has no command, which the rules make an error.
    /// </summary>
    public const string BriefExample = """
        apiVersion: genie.dev/v1
        kind: Job
        metadata:
          name: nightly-etl            # DNS-1123 label
          namespace: analytics
          group: etl
          labels: {team: data}
        spec:
          description: Nightly load of the warehouse
          executor: airflow            # airflow | local; optional (server default)
          schedule: {cron: "0 2 * * *", timezone: Europe/Berlin, catchUp: false}
          concurrency: {maxActiveRuns: 1, onConflict: queue, key: warehouse-writers}   # queue|skip|cancel-running|allow
          params:
            date:   {type: string, required: true}
            region: {type: string, default: eu, enum: [eu, us]}
          timeout: 2h
          retry: {limit: 2, backoff: exponential, delay: 30s, maxDelay: 10m}
          priority: 10
          defaults: {image: "python:3.12-slim", resources: {cpu: 500m, memory: 512Mi}, env: {LOG_LEVEL: info}}
          notify: [{on: [failed], webhook: "https://hooks.example/genie"}]
          tasks:
            - name: extract
              command: [python, -c, "print('extract')"]
              args: ["--date", "${{ params.date }}"]
            - name: transform
              dependsOn: [extract]
              replicas: 4
              script: |
                echo "shard $GENIE_REPLICA_INDEX of $GENIE_REPLICA_COUNT for $GENIE_PARAM_DATE"
            - name: load
              dependsOn: [transform]
              when: [{param: region, equals: eu}]
              retry: {limit: 5}
              timeout: 10m
              skipOnExitCodes: [99]
            - {name: report, dependsOn: [load], optional: true, command: [sh, -c, "echo report"]}
            - {name: cleanup, dependsOn: [load], runIf: always, command: [sh, -c, "echo cleanup"]}
            - name: downstream
              dependsOn: [load]
              job: {name: publish, params: {date: "${{ params.date }}"}, wait: true}
        """;

    /// <summary>The brief's example with a command for <c>load</c>, so it is valid.</summary>
    public static readonly string DesignExample = BriefExample.Replace(
        "      skipOnExitCodes: [99]\n",
        "      skipOnExitCodes: [99]\n      command: [sh, -c, \"echo load\"]\n",
        StringComparison.Ordinal);

    /// <summary>The same job as <see cref="DesignExample"/> in JSON, keys in another order, durations written differently.</summary>
    public const string DesignExampleJson = """
        {
          "kind": "Job",
          "apiVersion": "genie.dev/v1",
          "spec": {
            "tasks": [
              {"args": ["--date", "${{params.date}}"], "name": "extract", "command": ["python", "-c", "print('extract')"]},
              {"name": "transform", "replicas": 4, "dependsOn": ["extract"],
               "script": "echo \"shard $GENIE_REPLICA_INDEX of $GENIE_REPLICA_COUNT for $GENIE_PARAM_DATE\"\n"},
              {"name": "load", "dependsOn": ["transform"], "when": [{"equals": "eu", "param": "region"}],
               "retry": {"limit": 5}, "timeout": "600s", "skipOnExitCodes": [99], "command": ["sh", "-c", "echo load"]},
              {"name": "report", "dependsOn": ["load"], "optional": true, "command": ["sh", "-c", "echo report"]},
              {"name": "cleanup", "dependsOn": ["load"], "runIf": "always", "command": ["sh", "-c", "echo cleanup"]},
              {"name": "downstream", "dependsOn": ["load"], "job": {"wait": true, "name": "publish", "params": {"date": "${{ params.date }}"}}}
            ],
            "notify": [{"webhook": "https://hooks.example/genie", "on": ["failed"]}],
            "defaults": {"env": {"LOG_LEVEL": "info"}, "resources": {"memory": "512Mi", "cpu": "500m"}, "image": "python:3.12-slim"},
            "priority": 10,
            "retry": {"maxDelay": "600s", "delay": "0.5m", "backoff": "exponential", "limit": 2},
            "timeout": "120m",
            "params": {"region": {"enum": ["eu", "us"], "default": "eu", "type": "string"}, "date": {"required": true, "type": "string"}},
            "concurrency": {"onConflict": "queue", "key": "warehouse-writers", "maxActiveRuns": 1},
            "schedule": {"timezone": "Europe/Berlin", "catchUp": false, "cron": "0  2 * * *"},
            "executor": "airflow",
            "description": "Nightly load of the warehouse"
          },
          "metadata": {"labels": {"team": "data"}, "group": "etl", "namespace": "analytics", "name": "nightly-etl"}
        }
        """;

    /// <summary>A valid one-task job; <paramref name="spec"/> lines are appended under <c>spec:</c> (indent 2).</summary>
    public static string Job(string spec) => $"""
        apiVersion: genie.dev/v1
        kind: Job
        metadata:
          name: test-job
        spec:
        {Indent(spec)}
        """;

    /// <summary>A valid job with the given task list lines under <c>tasks:</c> (indent 4) and optional extra spec lines.</summary>
    public static string WithTasks(string tasks, string spec = "") => Job($"{spec}\ntasks:\n{Indent(tasks)}");

    /// <summary>A valid job with one task whose fields are <paramref name="taskFields"/> (YAML, indent as a mapping body).</summary>
    public static string WithTask(string taskFields, string spec = "") =>
        WithTasks($"- name: only\n{Indent(taskFields)}", spec);

    private static string Indent(string text) =>
        string.Join("\n", text.Split('\n').Select(line => line.Length == 0 ? line : "  " + line));
}
