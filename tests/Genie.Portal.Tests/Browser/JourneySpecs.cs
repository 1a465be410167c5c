namespace Genie.Portal.Tests.Browser;

/// <summary>The job specs the browser journeys apply: a greeting with params, a long sleeper, a slow ticker, a task that fails once, an echo, and a pipeline to draw.</summary>
public static class JourneySpecs
{
    public const string Greet = """
        apiVersion: genie.dev/v1
        kind: Job
        metadata:
          name: greet
          namespace: default
          group: examples
        spec:
          description: Greets someone, then says it is done
          executor: local
          defaults: {image: "busybox:1.36"}
          params:
            who: {type: string, required: true, description: Whom to greet}
            mood: {type: string, default: calm, enum: [calm, loud]}
            times: {type: integer, default: 1}
          tasks:
            - name: say
              command: [echo, "hello", "${{ params.who }}", "${{ params.mood }}"]
            - name: after
              dependsOn: [say]
              command: [echo, done]
        """;

    /// <summary><see cref="Greet"/> with a dependency on a task that does not exist.</summary>
    public static string GreetWithTypo => Greet.Replace("dependsOn: [say]", "dependsOn: [sya]", StringComparison.Ordinal);

    public const string Sleeper = """
        apiVersion: genie.dev/v1
        kind: Job
        metadata:
          name: sleeper
          namespace: default
        spec:
          executor: local
          tasks:
            - name: nap
              script: sleep 300
        """;

    /// <summary>A job whose only task always fails.</summary>
    public const string Broken = """
        apiVersion: genie.dev/v1
        kind: Job
        metadata:
          name: broken
          namespace: default
        spec:
          executor: local
          retry: {limit: 0}
          tasks:
            - name: load
              script: echo "the warehouse refused the connection"; exit 3
        """;

    /// <summary>A task that writes five lines a second for ten seconds: long enough to watch it run, and more log than its box shows.</summary>
    public const string Ticker = """
        apiVersion: genie.dev/v1
        kind: Job
        metadata:
          name: ticker
          namespace: default
        spec:
          executor: local
          tasks:
            - name: tick
              script: for i in 1 2 3 4 5 6 7 8 9 10; do echo "tick $i"; for j in 1 2 3 4; do echo "  detail $i.$j"; done; sleep 1; done
        """;

    /// <summary>A job whose only task fails the first time (it leaves <paramref name="marker"/>) and succeeds after.</summary>
    public static string FailsOnce(string marker) => $$"""
        apiVersion: genie.dev/v1
        kind: Job
        metadata:
          name: fails-once
          namespace: default
        spec:
          executor: local
          retry: {limit: 0}
          tasks:
            - name: flaky
              script: |
                if [ -f {{marker}} ]; then echo recovered; else touch {{marker}}; echo first try fails; exit 3; fi
        """;

    /// <summary>
    /// A DAG worth drawing: a fan-out, a dependency that skips a column, a retried task (it fails until
    /// <paramref name="marker"/> exists), an optional task that fails, and a child job; <paramref name="version"/> changes
    /// a few lines so two versions have something to compare.
    /// </summary>
    public static string Pipeline(string marker, int version) => $$"""
        apiVersion: genie.dev/v1
        kind: Job
        metadata:
          name: pipeline
          namespace: default
        spec:
          description: Loads the warehouse (v{{version}})
          executor: local
          retry: {limit: 0}
          tasks:
            - name: extract
              script: sleep 1; echo extracted v{{version}}
            - name: transform
              dependsOn: [extract]
              replicas: {{version + 1}}
              script: echo shard $GENIE_REPLICA_INDEX
            - name: load
              dependsOn: [transform]
              retry: {limit: 1, delay: 1s}
              script: |
                if [ -f {{marker}} ]; then echo loaded; else touch {{marker}}; echo warehouse busy; exit 3; fi
            - name: audit
              dependsOn: [extract, load]
              optional: true
              command: [sh, -c, "echo audit found 2 problems; exit 1"]
            - name: announce
              dependsOn: [load]
              job: {name: greet, params: {who: pipeline}, wait: true}
        """;

    /// <summary>A one-task job of group <paramref name="group"/> that says its name; its namespace comes from where it is applied.</summary>
    public static string Echo(string name, string group) => $$"""
        apiVersion: genie.dev/v1
        kind: Job
        metadata:
          name: {{name}}
          group: {{group}}
        spec:
          executor: local
          tasks:
            - name: say
              command: [echo, "{{name}}"]
        """;
}
