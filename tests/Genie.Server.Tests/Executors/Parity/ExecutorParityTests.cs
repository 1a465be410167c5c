using Genie.Client.Contracts;
using Genie.Server.Tests.Executors.LocalSemantics;

namespace Genie.Server.Tests.Executors.Parity;

/// <summary>
/// The local-semantics scenarios (dependsOn, runIf, when, optional, replicas, retries, skip codes, child jobs with
/// wait, retrying failed tasks) on both executors: each ends in the expected run state, and the Airflow run (the
/// fake executing the published DAG with Airflow's rules) ends with the same run state and the same state and
/// attempts for every task instance as the local run. All scenarios run at once, so the class costs about as
/// long as its slowest scenario.
/// </summary>
public sealed class ExecutorParityTests(ExecutorPair executors) : IClassFixture<ExecutorPair>
{
    public static readonly IReadOnlyList<ParityScenario> Scenarios =
    [
        new("chain", """
            - name: a
              script: auto
            - name: b
              dependsOn: [a]
              script: auto
            - name: c
              dependsOn: [b]
              script: auto
            """, "succeeded"),
        new("join-with-a-failed-branch", """
            - name: left
              script: auto
            - name: right
              script: auto
            - name: join
              dependsOn: [left, right]
              script: auto
            - name: after
              dependsOn: [join]
              script: auto
            """, "failed") { Outcomes = [new("join-with-a-failed-branch", "right", [1])] },
        new("runif-after-a-failure", """
            - name: load
              script: auto
            - name: publish
              dependsOn: [load]
              script: auto
            - name: announce
              dependsOn: [publish]
              script: auto
            - name: alert
              dependsOn: [load]
              runIf: failure
              script: auto
            - name: cleanup
              dependsOn: [load]
              runIf: always
              script: auto
            """, "failed") { Outcomes = [new("runif-after-a-failure", "load", [3])] },
        new("runif-without-a-failure", """
            - name: load
              script: auto
            - name: alert
              dependsOn: [load]
              runIf: failure
              script: auto
            - name: cleanup
              dependsOn: [load]
              runIf: always
              script: auto
            - name: after-alert
              dependsOn: [alert]
              script: auto
            """, "succeeded"),
        new("runif-failure-handler-does-not-rescue", """
            - name: work
              script: auto
            - name: handler
              dependsOn: [work]
              runIf: failure
              script: auto
            """, "failed") { Outcomes = [new("runif-failure-handler-does-not-rescue", "work", [1])] },
        new("when-false", WhenTasks, "succeeded") { Settings = WhenSettings },
        new("when-true", WhenTasks, "succeeded") { Settings = WhenSettings, Params = [("region", "eu")] },
        new("when-after-a-failure", """
            - name: load
              script: auto
            - name: gated
              dependsOn: [load]
              when: [{param: region, equals: us}]
              script: auto
            """, "failed") { Settings = WhenSettings, Outcomes = [new("when-after-a-failure", "load", [1])] },
        new("when-on-a-failure-handler", """
            - name: load
              script: auto
            - name: alert
              dependsOn: [load]
              runIf: failure
              when: [{param: region, equals: eu}]
              script: auto
            - name: cleanup
              dependsOn: [alert]
              runIf: always
              script: auto
            """, "failed") { Settings = WhenSettings, Outcomes = [new("when-on-a-failure-handler", "load", [1])] },
        new("optional-failure", """
            - name: load
              script: auto
            - name: report
              dependsOn: [load]
              optional: true
              script: auto
            - name: archive
              dependsOn: [report]
              script: auto
            - name: alert
              dependsOn: [report]
              runIf: failure
              script: auto
            """, "succeeded") { Outcomes = [new("optional-failure", "report", [4])] },
        new("optional-next-to-a-required-failure", """
            - name: optional-part
              optional: true
              script: auto
            - name: required-part
              script: auto
            """, "failed") { Outcomes = [new("optional-next-to-a-required-failure", "optional-part", [1]), new("optional-next-to-a-required-failure", "required-part", [2])] },
        new("replicas", """
            - name: shard
              replicas: 3
              script: auto
            - name: merge
              dependsOn: [shard]
              script: auto
            """, "succeeded"),
        new("one-failed-replica", """
            - name: shard
              replicas: 3
              script: auto
            - name: merge
              dependsOn: [shard]
              script: auto
            """, "failed") { Outcomes = [new("one-failed-replica", "shard", [1], Replica: 1)] },
        new("optional-replicas-one-failing", """
            - name: shard
              replicas: 2
              optional: true
              script: auto
            - name: merge
              dependsOn: [shard]
              script: auto
            """, "succeeded") { Outcomes = [new("optional-replicas-one-failing", "shard", [2], Replica: 0)] },
        new("a-replica-retries", """
            - name: shard
              replicas: 2
              retry: {limit: 1, delay: 100ms}
              script: auto
            - name: merge
              dependsOn: [shard]
              script: auto
            """, "succeeded") { Outcomes = [new("a-replica-retries", "shard", [1, 0], Replica: 1)] },
        new("retries-until-success", """
            - name: flaky
              retry: {limit: 2, delay: 100ms}
              script: auto
            - name: after
              dependsOn: [flaky]
              script: auto
            """, "succeeded") { Outcomes = [new("retries-until-success", "flaky", [1, 1, 0])] },
        new("retries-exhausted", """
            - name: broken
              retry: {limit: 2, delay: 100ms}
              script: auto
            - name: after
              dependsOn: [broken]
              script: auto
            """, "failed") { Outcomes = [new("retries-exhausted", "broken", [1])] },
        new("skip-code", SkipTasks, "succeeded") { Outcomes = [new("skip-code", "load", [99])] },
        new("unlisted-code", SkipTasks, "failed") { Outcomes = [new("unlisted-code", "load", [98])] },
        new("child-with-wait", ParentTasks("child"), "succeeded") { Children = [("child", ChildTasks, "")] },
        new("failed-child-with-wait", ParentTasks("failing-child"), "failed")
        {
            Children = [("failing-child", ChildTasks, "")],
            Outcomes = [new("failing-child", "say", [5])],
        },
        new("retrying-failed-tasks", """
            - name: extract
              script: auto
            - name: load
              dependsOn: [extract]
              script: auto
            - name: report
              dependsOn: [load]
              script: auto
            """, "succeeded") { RetryFailed = true, Outcomes = [new("retrying-failed-tasks", "load", [1, 0])] },
    ];

    private const string WhenSettings = "params: {region: {type: string, default: us, enum: [eu, us]}}";

    private const string WhenTasks = """
        - name: extract
          script: auto
        - name: load-eu
          dependsOn: [extract]
          when: [{param: region, equals: eu}]
          script: auto
        - name: report
          dependsOn: [load-eu]
          script: auto
        """;

    private const string SkipTasks = """
        - name: load
          skipOnExitCodes: [99]
          retry: {limit: 2, delay: 100ms}
          script: auto
        - name: report
          dependsOn: [load]
          script: auto
        """;

    private const string ChildTasks = """
        - name: say
          script: auto
        """;

    private static string ParentTasks(string child) => $$"""
        - name: prepare
          script: auto
        - name: call
          dependsOn: [prepare]
          job: {name: {{child}}, wait: true}
        - name: after
          dependsOn: [call]
          script: auto
        """;

    [Fact]
    public async Task Every_scenario_ends_alike_on_the_local_executor_and_on_airflow()
    {
        var runs = await Task.WhenAll(Scenarios.Select(async scenario => (Scenario: scenario, Runs: await executors.RunAsync(scenario))));

        var problems = runs.SelectMany(r => Problems(r.Scenario, r.Runs.Local, r.Runs.Airflow)).ToList();

        problems.ShouldBeEmpty(string.Join("\n", problems));
        executors.ShouldHaveSentOnlyValidRequests();
    }

    private static IEnumerable<string> Problems(ParityScenario scenario, RunResource local, RunResource airflow)
    {
        if (local.State != scenario.ExpectedState)
        {
            yield return $"{scenario}: the local run is {local.Describe()}, expected {scenario.ExpectedState}";
        }

        if (Outcome(scenario, local) != Outcome(scenario, airflow))
        {
            yield return $"{scenario}:\n  local:   {Outcome(scenario, local)}\n  airflow: {Outcome(scenario, airflow)}";
        }
    }

    /// <summary>
    /// The run state and, per task instance, its state and its attempts. A task that calls a job has attempts only on
    /// Airflow, where they are the TriggerDagRunOperator's tries (airflow/MAPPING.md), so only its state is compared.
    /// </summary>
    private static string Outcome(ParityScenario scenario, RunResource run) =>
        run.State + ": " + string.Join(", ", (run.Tasks ?? []).OrderBy(t => t.Name, StringComparer.Ordinal).ThenBy(t => t.Replica)
            .Select(t => $"{t.Name}[{t.Replica}]={t.State}" +
                         (scenario.IsJobTask(t.Name) ? "" : $" [{string.Join(' ', t.History.Select(a => $"{a.Attempt}:{a.State}"))}]")));
}
