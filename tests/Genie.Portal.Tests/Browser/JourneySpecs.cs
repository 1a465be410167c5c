namespace Genie.Portal.Tests.Browser;

/// <summary>The job specs the browser journeys apply: a greeting with params, a long sleeper, a slow ticker, and a task that fails once.</summary>
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
}
