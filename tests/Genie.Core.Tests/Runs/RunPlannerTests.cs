using Genie.Core.Runs;
using Genie.Core.Specs;

namespace Genie.Core.Tests.Runs;

public class RunPlannerTests
{
    private const TaskState Pending = TaskState.Pending;
    private const TaskState Running = TaskState.Running;
    private const TaskState Succeeded = TaskState.Succeeded;
    private const TaskState Failed = TaskState.Failed;
    private const TaskState Skipped = TaskState.Skipped;
    private const TaskState UpstreamFailed = TaskState.UpstreamFailed;

    private static readonly RunSpecs AThenB = RunSpecs.Parse("""
        - {name: a, command: [echo]}
        - {name: b, dependsOn: [a], command: [echo]}
        """);

    private static readonly RunSpecs Chain = RunSpecs.Parse("""
        - {name: a, command: [echo]}
        - {name: b, dependsOn: [a], command: [echo]}
        - {name: c, dependsOn: [b], command: [echo]}
        """);

    // b depends on a with the given extra fields; a takes its own extra fields.
    private static RunSpecs Pair(string downstream, string upstream = "") => RunSpecs.Parse($$"""
        - {name: a, command: [echo]{{upstream}}}
        - {name: b, dependsOn: [a], command: [echo]{{downstream}}}
        """);

    // b depends on a and has the given conditions over the declared params.
    private static RunSpecs Conditional(string when, string downstream = "") => RunSpecs.Parse($$"""
        - {name: a, command: [echo]}
        - {name: b, dependsOn: [a], command: [echo], when: {{when}}{{downstream}}}
        """, "params: {region: {enum: [eu, us]}, n: {type: integer}, dry: {type: boolean}}");

    private static Dictionary<string, ParamValue> Values(params (string Name, ParamValue Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value);

    public class Readiness
    {
        [Fact]
        public void Roots_start_and_their_downstream_waits()
        {
            var plan = AThenB.Plan();

            plan.Started().ShouldBe(["a/0"]);
            plan.Settle.ShouldBeEmpty();
            plan.Outcome.ShouldBeNull();
        }

        [Fact]
        public void Every_independent_root_starts_in_the_same_plan() =>
            RunSpecs.Parse("""
                - {name: x, command: [echo]}
                - {name: y, command: [echo]}
                - {name: z, dependsOn: [x, y], command: [echo]}
                """).Plan().Started().ShouldBe(["x/0", "y/0"]);

        [Theory]
        [InlineData(TaskState.Pending)]
        [InlineData(TaskState.Queued)]
        [InlineData(TaskState.Running)]
        [InlineData(TaskState.Retrying)]
        public void A_task_waits_while_its_upstream_is_not_terminal(TaskState upstream)
        {
            var plan = AThenB.Plan(("a", upstream));

            plan.Start.ShouldNotContain(i => i.Task == "b");
            plan.Settle.ShouldBeEmpty();
            plan.Outcome.ShouldBeNull();
        }

        [Fact]
        public void A_task_starts_once_its_upstream_succeeded() =>
            AThenB.Plan(("a", Succeeded)).Started().ShouldBe(["b/0"]);

        [Fact]
        public void A_task_waits_until_every_upstream_replica_is_terminal()
        {
            var specs = RunSpecs.Parse("""
                - {name: a, replicas: 3, command: [echo]}
                - {name: b, dependsOn: [a], command: [echo]}
                """);
            var instances = specs.Instances(("a", Succeeded));
            instances[2] = instances[2] with { State = Running };

            var plan = specs.Plan(instances);

            plan.Start.ShouldBeEmpty();
            plan.Settle.ShouldBeEmpty();
        }

        [Fact]
        public void A_task_waits_for_every_one_of_several_upstreams()
        {
            var specs = RunSpecs.Parse("""
                - {name: x, command: [echo]}
                - {name: y, command: [echo]}
                - {name: z, dependsOn: [x, y], command: [echo]}
                """);

            specs.Plan(("x", Succeeded), ("y", Running)).Start.ShouldBeEmpty();
            specs.Plan(("x", Succeeded), ("y", Succeeded)).Started().ShouldBe(["z/0"]);
        }

        [Fact]
        public void Instances_that_already_left_pending_are_never_started_again()
        {
            var plan = AThenB.Plan(("a", Running));

            plan.Start.ShouldBeEmpty();
        }

        [Fact]
        public void Declaration_order_does_not_matter_for_readiness()
        {
            // The downstream task is declared first; the planner must still look at `a` before `b`.
            var specs = RunSpecs.Parse("""
                - {name: b, dependsOn: [a], command: [echo]}
                - {name: a, command: [echo]}
                """);

            specs.Plan(("a", Failed)).Settled().ShouldBe(["b/0=upstream_failed"]);
        }

        [Fact]
        public void Started_instances_are_reported_as_pending()
        {
            // The plan only decides; the caller moves the instance on (queued, running).
            AThenB.Plan().Start.ShouldBe([new TaskInstance("a", 0, Pending)]);
        }
    }

    public class RunIfSuccess
    {
        [Theory]
        [InlineData(TaskState.Failed)]
        [InlineData(TaskState.Cancelled)]
        [InlineData(TaskState.UpstreamFailed)]
        public void A_failed_upstream_makes_the_task_upstream_failed(TaskState upstream)
        {
            var plan = AThenB.Plan(("a", upstream));

            plan.Start.ShouldBeEmpty();
            plan.Settle.ShouldBe([new TaskSettlement("b", 0, UpstreamFailed, "upstream task `a` failed")]);
        }

        [Fact]
        public void A_skipped_upstream_counts_as_success() =>
            AThenB.Plan(("a", Skipped)).Started().ShouldBe(["b/0"]);

        [Fact]
        public void One_failed_replica_fails_the_whole_upstream_task()
        {
            var specs = Pair("", ", replicas: 3");
            var instances = specs.Instances(("a", Succeeded));
            instances[1] = instances[1] with { State = Failed };

            specs.Plan(instances).Settled().ShouldBe(["b/0=upstream_failed"]);
        }

        [Fact]
        public void A_failed_optional_upstream_does_not_count() =>
            Pair("", ", optional: true").Plan(("a", Failed)).Started().ShouldBe(["b/0"]);

        [Fact]
        public void An_upstream_failed_optional_upstream_does_not_count_either()
        {
            // `opt` never ran because `a` failed, but optional failures of any kind never count downstream.
            var specs = RunSpecs.Parse("""
                - {name: a, command: [echo]}
                - {name: opt, dependsOn: [a], optional: true, command: [echo]}
                - {name: after, dependsOn: [opt], command: [echo]}
                """);

            var plan = specs.Plan(("a", Failed));

            plan.Settled().ShouldBe(["opt/0=upstream_failed"]);
            plan.Started().ShouldBe(["after/0"]);
        }

        [Fact]
        public void The_reason_names_a_failed_upstream_that_counts_not_an_optional_one()
        {
            var specs = RunSpecs.Parse("""
                - {name: opt, optional: true, command: [echo]}
                - {name: a, command: [echo]}
                - {name: c, dependsOn: [opt, a], command: [echo]}
                """);

            specs.Plan(("opt", Failed), ("a", Failed)).SettlementOf("c").Reason.ShouldBe("upstream task `a` failed");
        }

        [Fact]
        public void A_fan_in_with_one_failure_waits_for_the_rest_before_settling()
        {
            var specs = RunSpecs.Parse("""
                - {name: x, command: [echo]}
                - {name: y, command: [echo]}
                - {name: z, dependsOn: [x, y], command: [echo]}
                """);

            specs.Plan(("x", Failed), ("y", Running)).Settle.ShouldBeEmpty();
            specs.Plan(("x", Failed), ("y", Succeeded)).SettlementOf("z").Reason.ShouldBe("upstream task `x` failed");
        }
    }

    public class RunIfFailure
    {
        private static readonly RunSpecs Handler = Pair(", runIf: failure");

        [Theory]
        [InlineData(TaskState.Failed)]
        [InlineData(TaskState.Cancelled)]
        [InlineData(TaskState.UpstreamFailed)]
        public void Runs_when_an_upstream_failed(TaskState upstream) =>
            Handler.Plan(("a", upstream)).Started().ShouldBe(["b/0"]);

        [Theory]
        [InlineData(TaskState.Succeeded)]
        [InlineData(TaskState.Skipped)]
        public void Is_skipped_when_no_upstream_failed(TaskState upstream)
        {
            var plan = Handler.Plan(("a", upstream));

            plan.Start.ShouldBeEmpty();
            plan.Settle.ShouldBe([new TaskSettlement("b", 0, Skipped, "runIf: failure, and no upstream task failed")]);
        }

        [Fact]
        public void An_optional_upstream_failure_does_not_trigger_it() =>
            Pair(", runIf: failure", ", optional: true").Plan(("a", Failed)).Settled().ShouldBe(["b/0=skipped"]);

        [Fact]
        public void Waits_while_the_upstream_is_still_running() =>
            Handler.Plan(("a", Running)).Settle.ShouldBeEmpty();
    }

    public class RunIfAlways
    {
        private static readonly RunSpecs Cleanup = Pair(", runIf: always");

        [Theory]
        [InlineData(TaskState.Succeeded)]
        [InlineData(TaskState.Failed)]
        [InlineData(TaskState.Cancelled)]
        [InlineData(TaskState.Skipped)]
        [InlineData(TaskState.UpstreamFailed)]
        public void Runs_whatever_the_upstream_outcome(TaskState upstream) =>
            Cleanup.Plan(("a", upstream)).Started().ShouldBe(["b/0"]);

        [Fact]
        public void Still_waits_for_the_upstream_to_finish()
        {
            var plan = Cleanup.Plan(("a", Running));

            plan.Start.ShouldBeEmpty();
            plan.Settle.ShouldBeEmpty();
        }
    }

    public class Conditions
    {
        [Fact]
        public void A_task_whose_condition_holds_runs() =>
            Conditional("[{param: region, equals: eu}]")
                .Plan(AThenBDone(), RunSpecs.Params(("region", "eu")))
                .Started().ShouldBe(["b/0"]);

        [Fact]
        public void A_task_whose_condition_fails_is_skipped_naming_the_param_and_its_value()
        {
            var plan = Conditional("[{param: region, equals: eu}]").Plan(AThenBDone(), RunSpecs.Params(("region", "us")));

            plan.Start.ShouldBeEmpty();
            plan.Settle.ShouldBe([new TaskSettlement("b", 0, Skipped, "when: param `region` is `us`")]);
        }

        [Fact]
        public void An_unset_param_is_reported_as_unset() =>
            Conditional("[{param: region, equals: eu}]").Plan(AThenBDone())
                .SettlementOf("b").Reason.ShouldBe("when: param `region` is `unset`");

        [Fact]
        public void Every_condition_must_hold_and_the_first_that_fails_is_named()
        {
            var plan = Conditional("[{param: region, equals: eu}, {param: n, in: [1, 2]}]")
                .Plan(AThenBDone(), Values(("region", new ParamValue.Text("eu")), ("n", new ParamValue.Integer(3))));

            plan.SettlementOf("b").Reason.ShouldBe("when: param `n` is `3`");
        }

        [Theory]
        [InlineData(1, true)]
        [InlineData(2, true)]
        [InlineData(3, false)]
        public void An_in_condition_holds_for_any_listed_value(long n, bool runs)
        {
            var plan = Conditional("[{param: n, in: [1, 2]}]").Plan(AThenBDone(), Values(("n", new ParamValue.Integer(n))));

            plan.Start.Count.ShouldBe(runs ? 1 : 0);
            plan.Settle.Count.ShouldBe(runs ? 0 : 1);
        }

        [Fact]
        public void A_not_equals_condition_holds_for_an_unset_param() =>
            Conditional("[{param: dry, notEquals: true}]").Plan(AThenBDone()).Started().ShouldBe(["b/0"]);

        [Fact]
        public void A_not_equals_condition_fails_for_the_excluded_value() =>
            Conditional("[{param: dry, notEquals: true}]")
                .Plan(AThenBDone(), Values(("dry", new ParamValue.Boolean(true))))
                .Settled().ShouldBe(["b/0=skipped"]);

        [Fact]
        public void Conditions_are_typed_so_text_never_equals_a_number() =>
            Conditional("[{param: n, equals: 1}]")
                .Plan(AThenBDone(), RunSpecs.Params(("n", "1")))
                .Settled().ShouldBe(["b/0=skipped"]);

        [Fact]
        public void An_upstream_failure_wins_over_an_unmet_condition()
        {
            // The task was never about to run, so it is upstream_failed rather than skipped.
            var plan = Conditional("[{param: region, equals: eu}]").Plan(AFailed(), RunSpecs.Params(("region", "us")));

            plan.Settled().ShouldBe(["b/0=upstream_failed"]);
        }

        [Fact]
        public void A_failure_handler_about_to_run_still_obeys_its_conditions() =>
            Conditional("[{param: region, equals: eu}]", ", runIf: failure")
                .Plan(AFailed(), RunSpecs.Params(("region", "us")))
                .SettlementOf("b").Reason.ShouldBe("when: param `region` is `us`");

        [Fact]
        public void An_always_task_about_to_run_still_obeys_its_conditions() =>
            Conditional("[{param: region, equals: eu}]", ", runIf: always")
                .Plan(AFailed(), RunSpecs.Params(("region", "us")))
                .Settled().ShouldBe(["b/0=skipped"]);

        [Fact]
        public void A_chain_continues_past_a_task_skipped_by_its_condition_in_the_same_plan()
        {
            var specs = RunSpecs.Parse("""
                - {name: gate, command: [echo], when: [{param: region, equals: eu}]}
                - {name: next, dependsOn: [gate], command: [echo]}
                """, "params: {region: {enum: [eu, us]}}");

            var plan = specs.Plan(specs.Instances(), RunSpecs.Params(("region", "us")));

            plan.Settled().ShouldBe(["gate/0=skipped"]);
            plan.Started().ShouldBe(["next/0"]);
        }

        [Fact]
        public void Every_replica_of_a_skipped_task_is_skipped()
        {
            var specs = RunSpecs.Parse("""
                - {name: gate, replicas: 3, command: [echo], when: [{param: region, equals: eu}]}
                """, "params: {region: {enum: [eu, us]}}");

            specs.Plan(specs.Instances(), RunSpecs.Params(("region", "us")))
                .Settled().ShouldBe(["gate/0=skipped", "gate/1=skipped", "gate/2=skipped"]);
        }

        private static List<TaskInstance> AThenBDone() => [new("a", 0, Succeeded), new("b", 0, Pending)];

        private static List<TaskInstance> AFailed() => [new("a", 0, Failed), new("b", 0, Pending)];
    }

    public class Propagation
    {
        [Fact]
        public void A_chain_of_upstream_failures_settles_in_one_plan()
        {
            var plan = Chain.Plan(("a", Failed));

            plan.Start.ShouldBeEmpty();
            plan.Settle.ShouldBe([
                new TaskSettlement("b", 0, UpstreamFailed, "upstream task `a` failed"),
                new TaskSettlement("c", 0, UpstreamFailed, "upstream task `b` failed"),
            ]);
            plan.Outcome.ShouldBe(RunState.Failed);
        }

        [Fact]
        public void A_diamond_below_a_failure_settles_in_one_plan()
        {
            var specs = RunSpecs.Parse("""
                - {name: a, command: [echo]}
                - {name: b, dependsOn: [a], command: [echo]}
                - {name: c, dependsOn: [a], command: [echo]}
                - {name: d, dependsOn: [b, c], command: [echo]}
                """);

            specs.Plan(("a", Failed)).Settled().ShouldBe(["b/0=upstream_failed", "c/0=upstream_failed", "d/0=upstream_failed"]);
        }

        [Fact]
        public void A_cleanup_below_a_settled_chain_starts_in_the_same_plan()
        {
            var specs = RunSpecs.Parse("""
                - {name: a, command: [echo]}
                - {name: b, dependsOn: [a], command: [echo]}
                - {name: cleanup, dependsOn: [b], runIf: always, command: [echo]}
                """);

            var plan = specs.Plan(("a", Failed));

            plan.Settled().ShouldBe(["b/0=upstream_failed"]);
            plan.Started().ShouldBe(["cleanup/0"]);
            plan.Outcome.ShouldBeNull();
        }

        [Fact]
        public void A_failure_handler_below_a_settled_chain_starts_in_the_same_plan()
        {
            var specs = RunSpecs.Parse("""
                - {name: a, command: [echo]}
                - {name: b, dependsOn: [a], command: [echo]}
                - {name: alert, dependsOn: [b], runIf: failure, command: [echo]}
                """);

            specs.Plan(("a", Failed)).Started().ShouldBe(["alert/0"]);
        }

        [Fact]
        public void A_skipped_failure_handler_lets_its_downstream_run_in_the_same_plan()
        {
            var specs = RunSpecs.Parse("""
                - {name: a, command: [echo]}
                - {name: alert, dependsOn: [a], runIf: failure, command: [echo]}
                - {name: after, dependsOn: [alert], command: [echo]}
                """);

            var plan = specs.Plan(("a", Succeeded));

            plan.Settled().ShouldBe(["alert/0=skipped"]);
            plan.Started().ShouldBe(["after/0"]);
        }

        [Fact]
        public void Already_terminal_instances_are_not_settled_again()
        {
            var plan = Chain.Plan(("a", Failed), ("b", UpstreamFailed), ("c", UpstreamFailed));

            plan.Settle.ShouldBeEmpty();
            plan.Start.ShouldBeEmpty();
            plan.Outcome.ShouldBe(RunState.Failed);
        }
    }

    public class Replicas
    {
        private static readonly RunSpecs Sharded = RunSpecs.Parse("""
            - {name: a, command: [echo]}
            - {name: shard, dependsOn: [a], replicas: 3, command: [echo]}
            """);

        [Fact]
        public void Every_pending_replica_starts() =>
            Sharded.Plan(("a", Succeeded)).Started().ShouldBe(["shard/0", "shard/1", "shard/2"]);

        [Fact]
        public void Only_pending_replicas_start()
        {
            // A replica being retried or already running must not be started twice.
            var instances = Sharded.Instances(("a", Succeeded));
            instances[2] = instances[2] with { State = Running };

            Sharded.Plan(instances).Started().ShouldBe(["shard/0", "shard/2"]);
        }

        [Fact]
        public void Every_replica_is_settled_when_the_upstream_failed() =>
            Sharded.Plan(("a", Failed)).Settled().ShouldBe(["shard/0=upstream_failed", "shard/1=upstream_failed", "shard/2=upstream_failed"]);

        [Fact]
        public void A_run_fails_when_one_replica_failed()
        {
            var instances = Sharded.Instances(("a", Succeeded), ("shard", Succeeded));
            instances[^1] = instances[^1] with { State = Failed };

            Sharded.Plan(instances).Outcome.ShouldBe(RunState.Failed);
        }
    }

    public class Outcomes
    {
        [Fact]
        public void A_run_whose_tasks_all_succeeded_succeeds() =>
            AThenB.Plan(("a", Succeeded), ("b", Succeeded)).Outcome.ShouldBe(RunState.Succeeded);

        [Fact]
        public void Skipped_tasks_do_not_fail_the_run() =>
            AThenB.Plan(("a", Skipped), ("b", Skipped)).Outcome.ShouldBe(RunState.Succeeded);

        [Theory]
        [InlineData(TaskState.Failed)]
        [InlineData(TaskState.Cancelled)]
        [InlineData(TaskState.UpstreamFailed)]
        public void A_non_optional_task_that_did_not_succeed_fails_the_run(TaskState state) =>
            AThenB.Plan(("a", Succeeded), ("b", state)).Outcome.ShouldBe(RunState.Failed);

        [Theory]
        [InlineData(TaskState.Failed)]
        [InlineData(TaskState.Cancelled)]
        [InlineData(TaskState.UpstreamFailed)]
        public void An_optional_task_that_did_not_succeed_does_not_fail_the_run(TaskState state) =>
            Pair(", optional: true").Plan(("a", Succeeded), ("b", state)).Outcome.ShouldBe(RunState.Succeeded);

        [Fact]
        public void A_handled_failure_still_fails_the_run()
        {
            // The failure handler succeeding does not undo the failure it handled.
            Pair(", runIf: failure").Plan(("a", Failed), ("b", Succeeded)).Outcome.ShouldBe(RunState.Failed);
        }

        [Theory]
        [InlineData(TaskState.Pending)]
        [InlineData(TaskState.Queued)]
        [InlineData(TaskState.Running)]
        [InlineData(TaskState.Retrying)]
        public void There_is_no_outcome_while_any_instance_is_not_terminal(TaskState state)
        {
            // Even an optional task, whose result cannot change the outcome, keeps the run open.
            var specs = Pair(", optional: true");

            specs.Plan(("a", Succeeded), ("b", state)).Outcome.ShouldBeNull();
        }

        [Fact]
        public void There_is_no_outcome_in_a_plan_that_starts_something()
        {
            var plan = AThenB.Plan(("a", Succeeded));

            plan.Start.ShouldNotBeEmpty();
            plan.Outcome.ShouldBeNull();
        }

        [Fact]
        public void A_plan_that_settles_the_last_instances_has_the_outcome() =>
            Conditional("[{param: region, equals: eu}]")
                .Plan([new("a", 0, Succeeded), new("b", 0, Pending)], RunSpecs.Params(("region", "us")))
                .Outcome.ShouldBe(RunState.Succeeded);

        [Fact]
        public void The_outcome_on_its_own_agrees_with_the_plan()
        {
            var specs = Pair(", optional: true");

            RunPlanner.Outcome(specs.Job, specs.Instances(("a", Succeeded), ("b", Failed))).ShouldBe(RunState.Succeeded);
            RunPlanner.Outcome(specs.Job, specs.Instances(("a", Failed), ("b", Succeeded))).ShouldBe(RunState.Failed);
            RunPlanner.Outcome(specs.Job, specs.Instances(("a", Succeeded), ("b", Running))).ShouldBeNull();
        }
    }
}
