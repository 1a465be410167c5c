using Genie.Core.Runs;
using Genie.Core.Specs;

namespace Genie.Core.Tests.Runs;

public class TaskInvocationTests
{
    private static readonly TaskInvocation.Context Attempt = new("run-42", "analytics", "nightly", Attempt: 2, Replica: 1, ReplicaCount: 3);

    private const string Params = "params: {date: {type: string}, shards: {type: integer}, dryRun: {type: boolean}}";

    // One task named `t` with the given fields, in a job declaring `Params` and any extra spec lines.
    private static ResolvedTask Task(string fields, string spec = "") =>
        RunSpecs.Parse($"- {{name: t, {fields}}}", $"{Params}\n{spec}").Resolved("t");

    private static TaskInvocation Invoke(string fields, params (string Name, string Value)[] values) =>
        TaskInvocation.For(Task(fields), RunSpecs.Params(values), Attempt);

    public class Commands
    {
        [Fact]
        public void Command_and_args_form_argv_in_order() =>
            Invoke("command: [python, -m, etl], args: [--verbose]").Argv.ShouldBe(["python", "-m", "etl", "--verbose"]);

        [Fact]
        public void Placeholders_are_replaced_inside_elements() =>
            Invoke("""command: [etl, "--date=${{ params.date }}"], args: ["${{params.date}}"]""", ("date", "2024-05-01"))
                .Argv.ShouldBe(["etl", "--date=2024-05-01", "2024-05-01"]);

        [Fact]
        public void Shell_syntax_in_a_value_reaches_argv_verbatim_as_one_element()
        {
            // No shell ever sees argv, so the value stays one inert argument.
            const string hostile = "$(rm -rf /); echo `id` | sh && x > /etc/passwd";

            Invoke("""command: [echo, "${{ params.date }}"]""", ("date", hostile)).Argv.ShouldBe(["echo", hostile]);
        }

        [Fact]
        public void A_value_with_spaces_and_quotes_is_not_split() =>
            Invoke("""command: [echo, "x=${{ params.date }}"]""", ("date", "a b \"c d\" 'e'"))
                .Argv.ShouldBe(["echo", "x=a b \"c d\" 'e'"]);

        [Fact]
        public void A_placeholder_inside_a_value_is_not_substituted_again() =>
            Invoke("""command: [echo, "${{ params.date }}"]""", ("date", "${{ params.shards }}"), ("shards", "4"))
                .Argv[1].ShouldBe("${{ params.shards }}");

        [Fact]
        public void An_escaped_placeholder_becomes_literal_text() =>
            Invoke("""command: [echo, "$${{ params.date }}"]""", ("date", "d")).Argv[1].ShouldBe("${{ params.date }}");

        [Fact]
        public void An_unset_param_substitutes_as_empty_text() =>
            Invoke("""command: [echo, "[${{ params.date }}]"]""").Argv[1].ShouldBe("[]");

        [Fact]
        public void Typed_values_substitute_as_their_text()
        {
            var invocation = TaskInvocation.For(
                Task("""command: [run, "${{ params.shards }}", "${{ params.dryRun }}"]"""),
                new Dictionary<string, ParamValue> { ["shards"] = new ParamValue.Integer(-7), ["dryRun"] = new ParamValue.Boolean(false) },
                Attempt);

            invocation.Argv.ShouldBe(["run", "-7", "false"]);
        }
    }

    public class Scripts
    {
        private const string Script = "echo \"$GENIE_PARAM_DATE\" && exit 3\n";

        [Fact]
        public void A_script_runs_as_sh_minus_c_with_the_script_verbatim() =>
            Invoke("script: " + System.Text.Json.JsonSerializer.Serialize(Script), ("date", "$(id)"))
                .Argv.ShouldBe(["/bin/sh", "-c", Script]);

        [Fact]
        public void A_script_sees_params_only_as_environment_variables()
        {
            var invocation = Invoke("script: echo hi", ("date", "$(id)"), ("dryRun", "true"));

            invocation.Environment["GENIE_PARAM_DATE"].ShouldBe("$(id)");
            invocation.Environment["GENIE_PARAM_DRYRUN"].ShouldBe("true");
            invocation.Argv.ShouldNotContain(a => a.Contains("$(id)"));
        }
    }

    public class Environment
    {
        [Fact]
        public void Params_are_exposed_under_their_upper_case_names() =>
            Invoke("command: [env]", ("date", "d"), ("shards", "4")).Environment
                .Where(e => e.Key.StartsWith("GENIE_PARAM_", StringComparison.Ordinal))
                .ShouldBe(new Dictionary<string, string> { ["GENIE_PARAM_DATE"] = "d", ["GENIE_PARAM_SHARDS"] = "4" }, ignoreOrder: true);

        [Fact]
        public void Unset_params_have_no_variable() =>
            Invoke("command: [env]", ("date", "d")).Environment.Keys.ShouldNotContain("GENIE_PARAM_SHARDS");

        [Fact]
        public void Env_values_are_substituted() =>
            Invoke("""command: [env], env: {TARGET: "s3://bucket/${{ params.date }}/out"}""", ("date", "2024-05-01"))
                .Environment["TARGET"].ShouldBe("s3://bucket/2024-05-01/out");

        [Fact]
        public void Default_env_is_inherited_and_substituted_with_the_task_env_winning()
        {
            var task = Task("command: [env], env: {LEVEL: debug}", """defaults: {env: {LEVEL: info, DAY: "${{ params.date }}"}}""");

            var environment = TaskInvocation.For(task, RunSpecs.Params(("date", "d")), Attempt).Environment;

            environment["LEVEL"].ShouldBe("debug");
            environment["DAY"].ShouldBe("d");
        }

        [Fact]
        public void The_attempt_identity_is_exposed() =>
            Invoke("command: [env]").Environment.Where(e => !e.Key.StartsWith("GENIE_PARAM_", StringComparison.Ordinal))
                .ShouldBe(new Dictionary<string, string>
                {
                    ["GENIE_RUN_ID"] = "run-42",
                    ["GENIE_NAMESPACE"] = "analytics",
                    ["GENIE_JOB"] = "nightly",
                    ["GENIE_TASK"] = "t",
                    ["GENIE_ATTEMPT"] = "2",
                    ["GENIE_REPLICA_INDEX"] = "1",
                    ["GENIE_REPLICA_COUNT"] = "3",
                }, ignoreOrder: true);

        [Fact]
        public void Genie_variables_win_over_env_the_task_sets()
        {
            // Validation rejects GENIE_ names in specs; the invocation must hold even if one slips through.
            var task = Task("command: [env]") with
            {
                Env = new Dictionary<string, string> { ["GENIE_TASK"] = "spoofed", ["GENIE_ATTEMPT"] = "99", ["KEEP"] = "kept" },
            };

            var environment = TaskInvocation.For(task, RunSpecs.Params(), Attempt).Environment;

            environment["GENIE_TASK"].ShouldBe("t");
            environment["GENIE_ATTEMPT"].ShouldBe("2");
            environment["KEEP"].ShouldBe("kept");
        }

        [Fact]
        public void Param_variables_win_over_env_the_task_sets()
        {
            var task = Task("command: [env]") with { Env = new Dictionary<string, string> { ["GENIE_PARAM_DATE"] = "spoofed" } };

            TaskInvocation.For(task, RunSpecs.Params(("date", "real")), Attempt).Environment["GENIE_PARAM_DATE"].ShouldBe("real");
        }
    }

    public class ChildParams
    {
        [Fact]
        public void Child_params_are_the_parent_values_substituted_into_the_spec_text()
        {
            var child = Task("""job: {name: publish, params: {day: "${{ params.date }}", tag: "v-${{ params.shards }}", fixed: constant}}""")
                .Task.Job!;

            TaskInvocation.ChildParams(child, RunSpecs.Params(("date", "$(id)"), ("shards", "4")))
                .ShouldBe(new Dictionary<string, string> { ["day"] = "$(id)", ["tag"] = "v-4", ["fixed"] = "constant" }, ignoreOrder: true);
        }

        [Fact]
        public void An_unset_parent_param_passes_empty_text() =>
            TaskInvocation.ChildParams(
                Task("""job: {name: publish, params: {day: "${{ params.date }}"}}""").Task.Job!,
                RunSpecs.Params())["day"].ShouldBe("");
    }
}
