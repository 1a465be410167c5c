using Genie.Core.Specs;
using static Genie.Core.Tests.Specs.SpecAssertions;
using static Genie.Core.Tests.Specs.SpecDocuments;

namespace Genie.Core.Tests.Specs;

public class JobSpecParserTests
{
    [Fact]
    public void Design_example_parses_into_the_model()
    {
        var job = ShouldParse(DesignExample);

        job.ApiVersion.ShouldBe("genie.dev/v1");
        job.Kind.ShouldBe("Job");
        job.Metadata.ShouldBe(job.Metadata with { Name = "nightly-etl", Namespace = "analytics", Group = "etl" });
        job.Metadata.Labels.ShouldBe(new Dictionary<string, string> { ["team"] = "data" });
        var spec = job.Spec;
        spec.Description.ShouldBe("Nightly load of the warehouse");
        spec.Executor.ShouldBe(ExecutorKind.Airflow);
        spec.Schedule!.Cron.Expression.ShouldBe("0 2 * * *");
        spec.Schedule.Timezone.ShouldBe("Europe/Berlin");
        spec.Schedule.CatchUp.ShouldBeFalse();
        spec.Concurrency.ShouldBe(new ConcurrencySpec(1, ConflictPolicy.Queue, "warehouse-writers"));
        spec.Params["date"].ShouldBe(new ParamSpec(ParamType.String, true, null, spec.Params["date"].Enum, null));
        spec.Params["date"].Enum.ShouldBeEmpty();
        spec.Params["region"].Default.ShouldBe(new ParamValue.Text("eu"));
        spec.Params["region"].Enum.ShouldBe([new ParamValue.Text("eu"), new ParamValue.Text("us")]);
        spec.Timeout.ShouldBe(TimeSpan.FromHours(2));
        spec.Retry.ShouldBe(new RetrySpec(2, BackoffKind.Exponential, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(10)));
        spec.Priority.ShouldBe(10);
        spec.Defaults.Image.ShouldBe("python:3.12-slim");
        spec.Defaults.Resources!.Cpu!.Value.ShouldBe(0.5m);
        spec.Defaults.Resources.Memory!.Text.ShouldBe("512Mi");
        spec.Defaults.Env["LOG_LEVEL"].ShouldBe("info");
        spec.Notify.Single().On.ShouldBe([RunEvent.Failed]);
        spec.Notify.Single().Webhook.ShouldBe("https://hooks.example/genie");
        spec.Tasks.Select(t => t.Name).ShouldBe(["extract", "transform", "load", "report", "cleanup", "downstream"]);
    }

    [Fact]
    public void Design_example_tasks_keep_every_setting()
    {
        var tasks = ShouldParse(DesignExample).Spec.Tasks;

        tasks[0].Kind.ShouldBe(TaskKind.Command);
        tasks[0].Command.ShouldBe(["python", "-c", "print('extract')"]);
        tasks[0].Args.ShouldBe(["--date", "${{ params.date }}"]);
        tasks[1].Kind.ShouldBe(TaskKind.Script);
        tasks[1].Replicas.ShouldBe(4);
        tasks[1].Script.ShouldBe("echo \"shard $GENIE_REPLICA_INDEX of $GENIE_REPLICA_COUNT for $GENIE_PARAM_DATE\"\n");
        tasks[2].When.Single().ShouldBe(new TaskCondition("region", ConditionOperator.Equals, tasks[2].When[0].Values));
        tasks[2].When[0].Values.ShouldBe([new ParamValue.Text("eu")]);
        tasks[2].Retry.ShouldBe(new RetrySpec(5, null, null, null));
        tasks[2].Timeout.ShouldBe(TimeSpan.FromMinutes(10));
        tasks[2].SkipOnExitCodes.ShouldBe([99]);
        tasks[3].Optional.ShouldBeTrue();
        tasks[4].RunIf.ShouldBe(RunIf.Always);
        tasks[5].Kind.ShouldBe(TaskKind.Job);
        tasks[5].Job!.Name.ShouldBe("publish");
        tasks[5].Job!.Namespace.ShouldBeNull();
        tasks[5].Job!.Params["date"].ShouldBe("${{ params.date }}");
        tasks[5].Job!.Wait.ShouldBeTrue();
        tasks[5].DependsOn.ShouldBe(["load"]);
    }

    [Fact]
    public void Brief_example_verbatim_fails_only_because_load_runs_nothing() =>
        ShouldFailOnlyAt(BriefExample, "spec.tasks[2]", "a task needs one of `command`, `script` or `job`");

    [Fact]
    public void Json_design_example_parses_to_the_same_model_values()
    {
        var yaml = ShouldParse(DesignExample).Spec;
        var json = ShouldParse(DesignExampleJson, SpecFormat.Json).Spec;

        json.Timeout.ShouldBe(yaml.Timeout);
        json.Retry.ShouldBe(yaml.Retry);
        json.Schedule.ShouldBe(yaml.Schedule);
        json.Tasks.Select(t => t.Name).ShouldBe(yaml.Tasks.Select(t => t.Name));
    }

    [Fact]
    public void Omitted_optional_fields_take_their_documented_defaults()
    {
        var job = ShouldParse(WithTask("command: [echo, hi]", "schedule: {cron: '@daily'}\nconcurrency: {}"));

        job.Metadata.Namespace.ShouldBeNull();
        job.Metadata.Group.ShouldBeNull();
        job.Metadata.Labels.ShouldBeEmpty();
        job.Spec.Executor.ShouldBeNull();
        job.Spec.Schedule!.Timezone.ShouldBe("UTC");
        job.Spec.Schedule.CatchUp.ShouldBeFalse();
        job.Spec.Concurrency.ShouldBe(new ConcurrencySpec(1, ConflictPolicy.Queue, null));
        job.Spec.Priority.ShouldBe(0);
        job.Spec.Retry.ShouldBeNull();
        job.Spec.Defaults.ShouldBe(TaskDefaults.Empty);
        var task = job.Spec.Tasks.Single();
        task.Replicas.ShouldBe(1);
        task.RunIf.ShouldBe(RunIf.Success);
        task.Optional.ShouldBeFalse();
        task.Priority.ShouldBeNull();
        task.Timeout.ShouldBeNull();
    }

    [Fact]
    public void Null_values_count_as_absent_for_optional_fields() =>
        ShouldParse(WithTask("command: [echo]\ndescription: ~\ntimeout: null\nretry:\noptional: ~", "executor: ~")).Spec.Tasks[0].Timeout.ShouldBeNull();

    [Fact]
    public void Null_counts_as_missing_for_required_fields() =>
        ShouldFailOnlyAt(Job("tasks:\n- {name: ~, command: [echo]}"), "spec.tasks[0].name", "is required");

    [Fact]
    public void Empty_retry_block_means_no_retry() =>
        ShouldParse(WithTask("command: [echo]\nretry: {}")).Spec.Tasks[0].Retry.ShouldBeNull();

    [Fact]
    public void Quoted_yaml_1_1_words_and_keys_are_plain_strings()
    {
        // `on` as a key and `no`/`yes`/`off` as values are strings, never booleans.
        var job = ShouldParse(WithTask(
            "command: [echo, no, yes, off, 0x1F, 1e3]\nenv: {COUNTRY: no, ON: on}",
            "notify: [{on: [failed, succeeded], webhook: 'http://localhost:8080/x'}]"));

        job.Spec.Tasks[0].Command.ShouldBe(["echo", "no", "yes", "off", "0x1F", "1e3"]);
        job.Spec.Tasks[0].Env.ShouldBe(new Dictionary<string, string> { ["COUNTRY"] = "no", ["ON"] = "on" });
        job.Spec.Notify[0].On.ShouldBe([RunEvent.Failed, RunEvent.Succeeded]);
    }

    [Fact]
    public void A_notification_without_on_watches_every_end_of_a_run_and_may_name_its_signing_secret()
    {
        var notify = ShouldParse(WithTask("command: [echo]", "notify: [{webhook: 'https://x.example/h', secret: {name: hooks, key: signing}}]")).Spec.Notify.Single();

        notify.On.ShouldBe([RunEvent.Succeeded, RunEvent.Failed, RunEvent.Cancelled, RunEvent.Skipped]);
        notify.Secret.ShouldBe(new NotifySecret("hooks", "signing"));
        SecretUse.Of(ShouldParse(WithTask("command: [echo]", "notify: [{webhook: 'https://x.example/h'}, {webhook: 'https://x.example/i', secret: {name: hooks, key: signing}}]")))
            .ShouldBe([new SecretUse("spec.notify[1].secret", "hooks", "signing")]);
    }

    [Fact]
    public void Env_values_accept_any_scalar_as_text() =>
        ShouldParse(WithTask("command: [echo]\nenv: {A: 5, B: true, C: 1.50, D: ''}")).Spec.Tasks[0].Env
            .ShouldBe(new Dictionary<string, string> { ["A"] = "5", ["B"] = "true", ["C"] = "1.50", ["D"] = "" });

    [Fact]
    public void Free_text_keeps_odd_unicode()
    {
        const string text = "Ładowanie ✨ \u200F\u05E9\u05DC\u05D5\u05DD e\u0301 👩‍👩‍👧";
        var job = ShouldParse(WithTask($"command: [echo]\ndescription: \"{text}\"\nenv: {{MSG: \"{text}\"}}", $"description: \"{text}\""));

        job.Spec.Description.ShouldBe(text);
        job.Spec.Tasks[0].Description.ShouldBe(text);
        job.Spec.Tasks[0].Env["MSG"].ShouldBe(text);
    }

    [Fact]
    public void String_tag_makes_a_number_a_string() =>
        ShouldFailOnlyAt(WithTask("command: [echo]\nreplicas: !!str 4"), "spec.tasks[0].replicas", "must be an integer, got a string (remove the quotes)");

    [Fact]
    public void Other_yaml_tags_are_rejected() =>
        ShouldFailOnlyAt(WithTask("command: [echo]\ndescription: !!binary aGk="), "spec.tasks[0].description", "YAML tag `tag:yaml.org,2002:binary` is not supported");

    [Fact]
    public void Anchors_and_aliases_are_expanded()
    {
        var job = ShouldParse(Job("""
            defaults: {env: &common {REGION: eu, TIER: gold}}
            tasks:
            - {name: a, command: &cmd [sh, -c, "echo a"], env: *common}
            - {name: b, command: *cmd, dependsOn: [a]}
            """));

        job.Spec.Tasks[0].Env.ShouldBe(job.Spec.Defaults.Env);
        job.Spec.Tasks[1].Command.ShouldBe(["sh", "-c", "echo a"]);
    }

    [Fact]
    public void Unknown_field_names_the_closest_known_field() =>
        ShouldFail(WithTask("comand: [echo]")).ShouldHaveError("spec.tasks[0].comand", "unknown field `comand` (did you mean `command`?)");

    [Fact]
    public void Unknown_field_without_a_close_match_lists_the_known_fields() =>
        ShouldFailOnlyAt(Job("tasks: [{name: a, command: [echo]}]\nflavour: mint"), "spec.flavour",
            "unknown field `flavour`; known fields: description, executor, schedule");

    [Fact]
    public void Unknown_field_with_wrong_case_suggests_the_right_spelling() =>
        ShouldFailOnlyAt(WithTask("command: [echo]\ndependson: []"), "spec.tasks[0].dependson", "did you mean `dependsOn`?");

    [Fact]
    public void Duplicate_keys_are_reported_with_the_first_position() =>
        ShouldFailOnlyAt(WithTask("command: [echo]\ntimeout: 1m\ntimeout: 2m"), "spec.tasks[0].timeout", "duplicate key `timeout` (first at line");

    [Fact]
    public void Duplicate_keys_in_json_are_reported() =>
        ShouldFailOnlyAt("""{"apiVersion": "genie.dev/v1", "kind": "Job", "kind": "Job", "metadata": {"name": "x"}, "spec": {"tasks": [{"name": "a", "command": ["echo"]}]}}""",
            "kind", "duplicate key `kind`", SpecFormat.Json);

    [Fact]
    public void Merge_keys_are_rejected() =>
        ShouldFail(Job("defaults: {env: &e {A: b}}\ntasks:\n- name: a\n  command: [echo]\n  env:\n    <<: *e\n    C: d"))
            .ShouldHaveError("spec.tasks[0].env[\"<<\"]", "merge keys (`<<`) are not supported");

    [Theory]
    [InlineData("apiVersion: genie.dev/v2", "apiVersion", "`genie.dev/v2` is not supported: use genie.dev/v1")]
    [InlineData("kind: CronJob", "kind", "`CronJob` is not supported: use Job")]
    public void Header_must_name_the_supported_version_and_kind(string line, string path, string fragment)
    {
        var header = line.StartsWith("kind", StringComparison.Ordinal) ? "apiVersion: genie.dev/v1\n" + line : line + "\nkind: Job";
        ShouldFailOnlyAt($"{header}\nmetadata: {{name: a}}\nspec: {{tasks: [{{name: a, command: [echo]}}]}}", path, fragment);
    }

    [Fact]
    public void Missing_sections_are_required()
    {
        var errors = ShouldFail("apiVersion: genie.dev/v1\nkind: Job");
        errors.ShouldHaveError("metadata", "is required");
        errors.ShouldHaveError("spec", "is required");
        errors.Count.ShouldBe(2);
    }

    [Theory]
    [InlineData("Nightly-ETL", "`Nightly-ETL` is not a job name")]
    [InlineData("-etl", "is not a job name")]
    [InlineData("etl_nightly", "is not a job name")]
    [InlineData("", "must not be empty")]
    public void Job_names_must_be_dns_labels(string name, string fragment) =>
        ShouldFailOnlyAt($"apiVersion: genie.dev/v1\nkind: Job\nmetadata: {{name: '{name}'}}\nspec: {{tasks: [{{name: a, command: [echo]}}]}}",
            "metadata.name", fragment);

    [Fact]
    public void Sixty_four_character_names_are_too_long() =>
        ShouldFailOnlyAt(WithTasks($"- {{name: {new string('a', 64)}, command: [echo]}}"), "spec.tasks[0].name", "at most 63 characters");

    [Theory]
    [InlineData("{team: data, app.kubernetes.io/name: etl, example.com/tier: gold, empty: ''}", null, null)]
    [InlineData("{'-bad': x}", "metadata.labels[\"-bad\"]", "is not a label key")]
    [InlineData("{ok: 'has space'}", "metadata.labels.ok", "is not a label value")]
    [InlineData("{'Example.com/x': y}", "metadata.labels[\"Example.com/x\"]", "is not a label key")]
    [InlineData("{ok: ~}", "metadata.labels.ok", "must not be null")]
    public void Labels_follow_kubernetes_syntax(string labels, string? path, string? fragment)
    {
        var text = $"apiVersion: genie.dev/v1\nkind: Job\nmetadata: {{name: a, labels: {labels}}}\nspec: {{tasks: [{{name: a, command: [echo]}}]}}";
        if (path is null)
        {
            ShouldParse(text).Metadata.Labels.Count.ShouldBe(4);
        }
        else
        {
            ShouldFailOnlyAt(text, path, fragment!);
        }
    }

    [Fact]
    public void Too_many_labels_are_rejected()
    {
        var labels = string.Join(", ", Enumerable.Range(0, 65).Select(i => $"l{i}: v"));
        ShouldFailOnlyAt($"apiVersion: genie.dev/v1\nkind: Job\nmetadata: {{name: a, labels: {{{labels}}}}}\nspec: {{tasks: [{{name: a, command: [echo]}}]}}",
            "metadata.labels", "at most 64 are allowed");
    }

    [Theory]
    [InlineData("tasks: abc", "spec.tasks", "must be a list of tasks, got `abc`")]
    [InlineData("tasks: []", "spec.tasks", "must list at least one task")]
    [InlineData("tasks: [abc]", "spec.tasks[0]", "must be a mapping, got `abc`")]
    [InlineData("params: []\ntasks: [{name: a, command: [echo]}]", "spec.params", "must be a mapping of param names to declarations, got a list")]
    [InlineData("tasks: [{name: a, command: echo}]", "spec.tasks[0].command", "must be a list of strings, got `echo`")]
    [InlineData("tasks: [{name: a, command: [echo, [x]]}]", "spec.tasks[0].command[1]", "must be a string, got a list")]
    [InlineData("tasks: [{name: a, command: [echo], replicas: four}]", "spec.tasks[0].replicas", "must be an integer, got `four`")]
    [InlineData("tasks: [{name: a, command: [echo], replicas: '4'}]", "spec.tasks[0].replicas", "must be an integer, got a string (remove the quotes)")]
    [InlineData("tasks: [{name: a, command: [echo], replicas: 2.5}]", "spec.tasks[0].replicas", "must be an integer, got `2.5`")]
    [InlineData("tasks: [{name: a, command: [echo], optional: yes}]", "spec.tasks[0].optional", "must be true or false, got `yes`")]
    [InlineData("tasks: [{name: a, command: [echo], optional: 'true'}]", "spec.tasks[0].optional", "must be true or false, got a string (remove the quotes)")]
    [InlineData("tasks: [{name: a, command: [echo], env: [A]}]", "spec.tasks[0].env", "must be a mapping of names to strings, got a list")]
    [InlineData("tasks: [{name: a, command: [echo], env: {A: {b: c}}}]", "spec.tasks[0].env.A", "must be a string, got a mapping")]
    [InlineData("tasks: [{name: a, command: [echo], dependsOn: a}]", "spec.tasks[0].dependsOn", "must be a list of task names, got `a`")]
    [InlineData("tasks: [{name: a, command: [echo]}]\ndefaults: [a]", "spec.defaults", "must be a mapping, got a list")]
    [InlineData("tasks: [{name: a, command: [echo]}]\npriority: high", "spec.priority", "must be an integer, got `high`")]
    [InlineData("tasks: [{name: a, command: [echo]}]\nschedule: '0 2 * * *'", "spec.schedule", "must be a mapping, got a string")]
    [InlineData("tasks: [{name: a, command: [echo]}]\nnotify: {on: [failed]}", "spec.notify", "must be a list of notification targets, got a mapping")]
    public void Wrong_types_are_reported_at_their_path(string spec, string path, string fragment) =>
        ShouldFailOnlyAt(Job(spec), path, fragment);

    [Fact]
    public void Root_must_be_a_mapping()
    {
        ShouldFailOnlyAt("- a\n- b", "", "the document must be a mapping with apiVersion, kind, metadata and spec, got a list");
        ShouldFailOnlyAt("\"just text\"", "", "got a string", SpecFormat.Json);
        ShouldFailOnlyAt("42", "", "got `42`", SpecFormat.Json);
    }

    [Theory]
    [InlineData("command: [echo]\nscript: echo", "spec.tasks[0].script", "`command` and `script` cannot both be set: choose one")]
    [InlineData("script: echo\njob: {name: other}", "spec.tasks[0].job", "`script` and `job` cannot both be set: choose one")]
    [InlineData("command: [echo]\nscript: echo\njob: {name: other}", "spec.tasks[0].job", "`command`, `script` and `job` cannot all be set: choose one")]
    [InlineData("description: nothing to do", "spec.tasks[0]", "a task needs one of `command`, `script` or `job`")]
    [InlineData("script: echo\nargs: [x]", "spec.tasks[0].args", "`args` only applies to `command`: a script reads params from environment variables")]
    [InlineData("job: {name: other}\nargs: [x]", "spec.tasks[0].args", "`args` only applies to `command`: pass values to a child job with `job.params`")]
    [InlineData("job: {name: other}\nimage: alpine", "spec.tasks[0].image", "`image` does not apply to a `job` task")]
    [InlineData("job: {name: other}\nreplicas: 2", "spec.tasks[0].replicas", "`replicas` does not apply to a `job` task")]
    [InlineData("job: {name: other}\nenv: {A: b}", "spec.tasks[0].env", "`env` does not apply to a `job` task")]
    [InlineData("job: {name: other}\nskipOnExitCodes: [3]", "spec.tasks[0].skipOnExitCodes", "does not apply to a `job` task")]
    [InlineData("command: []", "spec.tasks[0].command", "must not be empty")]
    [InlineData("command: ['', x]", "spec.tasks[0].command[0]", "the program name must not be empty")]
    [InlineData("command: [echo, ~]", "spec.tasks[0].command[1]", "must not be null")]
    [InlineData("script: '   '", "spec.tasks[0].script", "must not be empty")]
    [InlineData("job: {}", "spec.tasks[0].job.name", "is required")]
    [InlineData("job: {name: test-job}", "spec.tasks[0].job.name", "a job cannot trigger itself")]
    [InlineData("job: {name: other, wait: maybe}", "spec.tasks[0].job.wait", "must be true or false")]
    [InlineData("job: {name: other, params: {bad-name: x}}", "spec.tasks[0].job.params.bad-name", "is not a param name")]
    public void A_task_runs_exactly_one_thing(string fields, string path, string fragment) =>
        ShouldFailOnlyAt(WithTask(fields), path, fragment);

    [Fact]
    public void A_child_job_in_another_namespace_may_share_the_name() =>
        ShouldParse(WithTask("job: {name: test-job, namespace: other, wait: false}")).Spec.Tasks[0].Job
            .ShouldBe(new ChildJobSpec("test-job", "other", new Dictionary<string, string>(), false), new ChildJobComparer());

    [Theory]
    [InlineData("replicas: 0", "spec.tasks[0].replicas", "must be between 1 and 1000, got 0")]
    [InlineData("replicas: 1001", "spec.tasks[0].replicas", "must be between 1 and 1000, got 1001")]
    [InlineData("replicas: 99999999999999999999", "spec.tasks[0].replicas", "must be an integer")]
    [InlineData("skipOnExitCodes: [256]", "spec.tasks[0].skipOnExitCodes[0]", "must be between 0 and 255, got 256")]
    [InlineData("skipOnExitCodes: [-1]", "spec.tasks[0].skipOnExitCodes[0]", "must be between 0 and 255, got -1")]
    [InlineData("skipOnExitCodes: [3, 3]", "spec.tasks[0].skipOnExitCodes[1]", "3 is listed twice")]
    [InlineData("priority: 5000", "spec.tasks[0].priority", "must be between -1000 and 1000, got 5000")]
    [InlineData("timeout: 10x", "spec.tasks[0].timeout", "`10x` is not a duration: use Go style like 90s, 10m, 2h")]
    [InlineData("timeout: 0s", "spec.tasks[0].timeout", "must be greater than zero")]
    [InlineData("timeout: 10", "spec.tasks[0].timeout", "`10` is not a duration")]
    [InlineData("retry: {limit: 101}", "spec.tasks[0].retry.limit", "must be between 0 and 100, got 101")]
    [InlineData("retry: {backoff: linear}", "spec.tasks[0].retry.backoff", "`linear` is not one of fixed, exponential")]
    [InlineData("retry: {delay: 1m, maxDelay: 30s, backoff: exponential}", "spec.tasks[0].retry.maxDelay", "`30s` is shorter than delay `1m0s`")]
    [InlineData("retry: {maxDelay: 30s, backoff: fixed}", "spec.tasks[0].retry.maxDelay", "only applies to exponential backoff")]
    [InlineData("runIf: sometimes", "spec.tasks[0].runIf", "`sometimes` is not one of success, failure, always")]
    [InlineData("runIf: Always", "spec.tasks[0].runIf", "(did you mean `always`?)")]
    [InlineData("runIf: failure", "spec.tasks[0].runIf", "`failure` needs `dependsOn`")]
    public void Task_settings_are_range_checked(string field, string path, string fragment) =>
        ShouldFailOnlyAt(WithTask("command: [echo]\n" + field), path, fragment);

    [Fact]
    public void Replicas_limit_is_configurable() =>
        ShouldFailOnlyAt(WithTask("command: [echo]\nreplicas: 11"), "spec.tasks[0].replicas", "must be between 1 and 10",
            limits: SpecLimits.Default with { MaxReplicas = 10 });

    [Theory]
    [InlineData("image: ''", "spec.tasks[0].image", "must not be empty")]
    [InlineData("image: 'python 3'", "spec.tasks[0].image", "it contains whitespace")]
    [InlineData("resources: {cpu: lots}", "spec.tasks[0].resources.cpu", "`lots` is not a quantity")]
    [InlineData("resources: {memory: -1Gi}", "spec.tasks[0].resources.memory", "`-1Gi` must not be negative")]
    [InlineData("resources: {gpu: 1}", "spec.tasks[0].resources.gpu", "unknown field `gpu`")]
    [InlineData("resources: {memory: 1Gi, limits: {memory: 512Mi}}", "spec.tasks[0].resources.limits.memory", "limit `512Mi` is below the request `1Gi`")]
    [InlineData("env: {1BAD: x}", "spec.tasks[0].env[\"1BAD\"]", "is not an environment variable name")]
    [InlineData("env: {GENIE_PARAM_X: x}", "spec.tasks[0].env.GENIE_PARAM_X", "is reserved")]
    [InlineData("env: {A: ~}", "spec.tasks[0].env.A", "must not be null")]
    [InlineData("secrets: [{name: db, key: password}]", "spec.tasks[0].secrets[0].env", "is required")]
    [InlineData("secrets: [{name: Db, key: password, env: DB}]", "spec.tasks[0].secrets[0].name", "is not a secret name")]
    [InlineData("secrets: [{name: db, key: 'pass word', env: DB}]", "spec.tasks[0].secrets[0].key", "is not a secret key")]
    [InlineData("secrets: [{name: db, key: a, env: DB}, {name: db, key: b, env: DB}]", "spec.tasks[0].secrets[1].env", "`DB` is already set by another secret")]
    [InlineData("env: {DB: x}\nsecrets: [{name: db, key: a, env: DB}]", "spec.tasks[0].secrets[0].env", "`DB` is also set in env")]
    [InlineData("secrets: [{name: db, key: a, env: DB, value: hunter2}]", "spec.tasks[0].secrets[0].value", "unknown field `value`")]
    [InlineData("nodeSelector: {disktype: 'ssd drive'}", "spec.tasks[0].nodeSelector.disktype", "is not a label value")]
    [InlineData("tolerations: [{key: gpu, operator: Exists, value: 'yes'}]", "spec.tasks[0].tolerations[0].value", "must be empty when `operator` is Exists")]
    [InlineData("tolerations: [{effect: NoSchedule}]", "spec.tasks[0].tolerations[0].key", "is required unless `operator` is Exists")]
    [InlineData("tolerations: [{key: gpu, effect: NoWay}]", "spec.tasks[0].tolerations[0].effect", "is not one of NoSchedule, PreferNoSchedule, NoExecute")]
    [InlineData("tolerations: [{key: gpu, operator: equal}]", "spec.tasks[0].tolerations[0].operator", "(did you mean `Equal`?)")]
    public void Workload_settings_are_validated(string field, string path, string fragment) =>
        ShouldFailOnlyAt(WithTask("command: [echo]\n" + field), path, fragment);

    [Fact]
    public void Workload_settings_bind_into_the_model()
    {
        var task = ShouldParse(WithTask("""
            command: [echo]
            image: "registry.example.com/etl:1.2"
            resources: {cpu: "2", memory: 1Gi, limits: {cpu: 4, memory: 2Gi}}
            secrets: [{name: db.credentials, key: password, env: DB_PASSWORD}]
            nodeSelector: {disktype: ssd, kubernetes.io/arch: amd64}
            tolerations: [{key: gpu, operator: Exists, effect: NoSchedule}, {operator: Exists}, {key: team, value: data}]
            """)).Spec.Tasks[0];

        task.Image.ShouldBe("registry.example.com/etl:1.2");
        task.Resources!.Cpu!.Value.ShouldBe(2m);
        task.Resources.Limits!.Memory!.Value.ShouldBe(2m * 1024 * 1024 * 1024);
        task.Secrets.ShouldBe([new SecretRef("db.credentials", "password", "DB_PASSWORD")]);
        task.NodeSelector["kubernetes.io/arch"].ShouldBe("amd64");
        task.Tolerations.ShouldBe([
            new Toleration("gpu", TolerationOperator.Exists, null, TaintEffect.NoSchedule),
            new Toleration(null, TolerationOperator.Exists, null, null),
            new Toleration("team", TolerationOperator.Equal, "data", null),
        ]);
    }

    [Fact]
    public void Env_may_not_shadow_a_default_secret() =>
        ShouldFailOnlyAt(WithTask("command: [echo]\nenv: {DB: x}", "defaults: {secrets: [{name: db, key: a, env: DB}]}"),
            "spec.tasks[0].env.DB", "`DB` is already set by a secret in spec.secrets or spec.defaults.secrets");

    [Fact]
    public void Job_level_secrets_reach_every_task_and_a_task_secret_wins_by_variable()
    {
        var job = ShouldParse(WithTask(
            "command: [echo]\nsecrets: [{name: own, key: k, env: DB}]",
            "secrets: [{name: db, key: password, env: DB}, {name: api, key: token, env: TOKEN}]"));

        job.Spec.Secrets.Select(s => s.Name).ShouldBe(["db", "api"]);
        ResolvedTask.Resolve(job.Spec, job.Spec.Tasks[0]).Secrets.ShouldBe([
            new SecretRef("api", "token", "TOKEN"),
            new SecretRef("own", "k", "DB"),
        ]);
        SecretUse.Of(job).Select(u => u.Path).ShouldBe(["spec.secrets[0]", "spec.secrets[1]", "spec.tasks[0].secrets[0]"]);
    }

    [Fact]
    public void A_job_level_secret_may_not_set_a_variable_the_defaults_set() =>
        ShouldFailOnlyAt(WithTask("command: [echo]", "secrets: [{name: db, key: a, env: DB}]\ndefaults: {env: {DB: x}}"),
            "spec.secrets[0].env", "`DB` is also set in env: a variable comes from one place only");

    [Fact]
    public void Env_may_not_shadow_a_job_level_secret() =>
        ShouldFailOnlyAt(WithTask("command: [echo]\nenv: {DB: x}", "secrets: [{name: db, key: a, env: DB}]"),
            "spec.tasks[0].env.DB", "`DB` is already set by a secret in spec.secrets or spec.defaults.secrets");

    [Fact]
    public void Limits_inherited_from_defaults_must_not_be_below_the_task_request() =>
        ShouldFailOnlyAt(WithTask("command: [echo]\nresources: {memory: 2Gi}", "defaults: {resources: {limits: {memory: 1Gi}}}"),
            "spec.tasks[0].resources", "memory request `2Gi` is above the limit `1Gi`");

    [Fact]
    public void Airflow_tasks_need_an_image_from_somewhere()
    {
        ShouldFailOnlyAt(WithTask("command: [echo]", "executor: airflow"), "spec.tasks[0].image", "is required with executor airflow");
        ShouldParse(WithTask("command: [echo]", "executor: airflow\ndefaults: {image: alpine}"));
        ShouldParse(WithTask("job: {name: other}", "executor: airflow"));
        ShouldParse(WithTask("command: [echo]", "executor: local"));
    }

    [Theory]
    [InlineData("executor: kubernetes", "spec.executor", "`kubernetes` is not one of airflow, local")]
    [InlineData("timeout: 31d", "spec.timeout", "`31d` is not a duration")]
    [InlineData("timeout: 721h", "spec.timeout", "is too long: at most 720h0m0s (30 days)")]
    [InlineData("priority: -1001", "spec.priority", "must be between -1000 and 1000, got -1001")]
    [InlineData("schedule: {timezone: UTC}", "spec.schedule.cron", "is required")]
    [InlineData("schedule: {cron: '0 25 * * *'}", "spec.schedule.cron", "hour field `25`: `25` is out of range 0-23")]
    [InlineData("schedule: {cron: '0 2 * *'}", "spec.schedule.cron", "has 4 fields; cron needs 5")]
    [InlineData("schedule: {cron: '0 2 * * *', timezone: Europe/Berln}", "spec.schedule.timezone", "is not an IANA time zone such as Europe/Berlin or UTC (did you mean `Europe/Berlin`?)")]
    [InlineData("schedule: {cron: '0 2 * * *', timezone: CEST}", "spec.schedule.timezone", "`CEST` is not an IANA time zone")]
    [InlineData("schedule: {cron: '0 2 * * *', catchUp: no}", "spec.schedule.catchUp", "must be true or false, got `no`")]
    [InlineData("concurrency: {maxActiveRuns: 0}", "spec.concurrency.maxActiveRuns", "must be between 1 and 1000, got 0")]
    [InlineData("concurrency: {onConflict: cancel}", "spec.concurrency.onConflict", "`cancel` is not one of queue, skip, cancel-running, allow")]
    [InlineData("concurrency: {key: Warehouse_Writers}", "spec.concurrency.key", "is not a concurrency key")]
    [InlineData("notify: [{on: [failed], webhook: 'ftp://x.example/'}]", "spec.notify[0].webhook", "is not an absolute http or https URL")]
    [InlineData("notify: [{on: [failed], webhook: '/relative'}]", "spec.notify[0].webhook", "is not an absolute http or https URL")]
    [InlineData("notify: [{on: [exploded], webhook: 'https://x.example/'}]", "spec.notify[0].on[0]", "`exploded` is not one of queued, running, suspended, succeeded, failed, cancelled, skipped")]
    [InlineData("notify: [{on: [], webhook: 'https://x.example/'}]", "spec.notify[0].on", "must list at least one run state")]
    [InlineData("notify: [{on: [failed, failed], webhook: 'https://x.example/'}]", "spec.notify[0].on[1]", "`failed` is listed twice")]
    [InlineData("notify: [{on: [failed], webhook: 'https://x.example/', secret: {name: hooks}}]", "spec.notify[0].secret.key", "is required")]
    [InlineData("notify: [{on: [failed], webhook: 'https://x.example/', secret: {name: Hooks_X, key: k}}]", "spec.notify[0].secret.name", "is not a secret name")]
    [InlineData("notify: [{on: [failed], webhook: 'https://x.example/', secret: {name: hooks, key: 'a b'}}]", "spec.notify[0].secret.key", "is not a secret key")]
    [InlineData("notify: [{on: [failed], webhook: 'https://x.example/', secret: hooks}]", "spec.notify[0].secret", "must be a mapping")]
    [InlineData("notify: [{on: [failed], webhook: 'https://x.example/', secret: {name: hooks, key: k, env: X}}]", "spec.notify[0].secret.env", "unknown field `env`")]
    [InlineData("notify: [{on: [failed], webhook: 'https://x.example/', url: 'https://x.example/'}]", "spec.notify[0].url", "unknown field `url`")]
    [InlineData("notify: [{on: [failed], webhook: 'file:///etc/passwd'}]", "spec.notify[0].webhook", "is not an absolute http or https URL")]
    [InlineData("defaults: {image: alpine, command: [echo]}", "spec.defaults.command", "unknown field `command`")]
    [InlineData("defaults: {env: {LOG_LEVEL: ~}}", "spec.defaults.env.LOG_LEVEL", "must not be null")]
    [InlineData("defaults: {env: {DB: x}, secrets: [{name: db, key: a, env: DB}]}", "spec.defaults.secrets[0].env", "`DB` is also set in env")]
    public void Job_settings_are_validated(string field, string path, string fragment) =>
        ShouldFailOnlyAt(WithTask("command: [echo]", field), path, fragment);

    [Fact]
    public void Schedule_settings_bind_into_the_model()
    {
        var schedule = ShouldParse(WithTask("command: [echo]", "schedule: {cron: '*/15 9-17 * * mon-fri', timezone: America/New_York, catchUp: true}")).Spec.Schedule!;

        schedule.Cron.Expression.ShouldBe("*/15 9-17 * * MON-FRI");
        schedule.Timezone.ShouldBe("America/New_York");
        schedule.CatchUp.ShouldBeTrue();
    }

    [Fact]
    public void Nul_characters_are_rejected_with_their_path()
    {
        ShouldFailOnlyAt(WithTask("command: [echo, \"a\\0b\"]"), "spec.tasks[0].command[1]", "must not contain the NUL character (U+0000)");
        ShouldFail(WithTask("command: [echo]\nenv: {\"A\\0\": b}")).ShouldHaveError("spec.tasks[0].env[\"A\\u0000\"]", "must not contain the NUL character");
    }

    [Fact]
    public void Nul_characters_in_json_are_rejected_with_their_path() =>
        ShouldFailOnlyAt("""{"apiVersion": "genie.dev/v1", "kind": "Job", "metadata": {"name": "a"}, "spec": {"description": "x\u0000y", "tasks": [{"name": "a", "command": ["echo"]}]}}""",
            "spec.description", "must not contain the NUL character (U+0000)", SpecFormat.Json);

    [Fact]
    public void Every_error_is_reported_at_once_in_document_order()
    {
        var errors = ShouldFail("""
            apiVersion: genie.dev/v1
            kind: Job
            metadata:
              name: Bad_Name
            spec:
              timeout: soon
              tasks:
                - name: a
                  comand: [echo]
                  command: [echo]
                - name: b
                  command: [echo]
                  dependsOn: [c]
                  replicas: -1
            """);

        errors.Select(e => e.Path).ShouldBe([
            "metadata.name",
            "spec.timeout",
            "spec.tasks[0].comand",
            "spec.tasks[1].dependsOn[0]",
            "spec.tasks[1].replicas",
        ]);
    }

    [Fact]
    public void Errors_are_deduplicated_and_capped()
    {
        var tasks = string.Join("\n", Enumerable.Range(0, 150).Select(i => $"- {{name: t{i}, command: [echo], replicas: 0}}"));
        var errors = ShouldFail(WithTasks(tasks));

        errors.Count.ShouldBe(101);
        errors[^1].ShouldBe(new SpecError("", "50 more errors not shown; fix these first"));
        errors.Distinct().Count().ShouldBe(errors.Count);
    }

    [Fact]
    public void Json_parses_with_the_same_rules()
    {
        var errors = ShouldFail("""
            {"apiVersion": "genie.dev/v1", "kind": "Job", "metadata": {"name": "a"},
             "spec": {"tasks": [{"name": "a", "command": ["echo"], "replicas": "4", "optional": 1, "timeout": 30}]}}
            """, SpecFormat.Json);

        errors.ShouldHaveError("spec.tasks[0].replicas", "must be an integer, got a string (remove the quotes)");
        errors.ShouldHaveError("spec.tasks[0].optional", "must be true or false, got `1`");
        errors.ShouldHaveError("spec.tasks[0].timeout", "`30` is not a duration");
        errors.Count.ShouldBe(3);
    }

    [Fact]
    public void Json_syntax_errors_give_line_and_column()
    {
        var error = ShouldFailOnlyAt("{\n  \"apiVersion\": \"genie.dev/v1\",\n  \"kind\": \"Job\",,\n}", "", "JSON syntax error at line 3, column 17: ',' is an invalid start of a property name", SpecFormat.Json);
        error.Message.ShouldNotContain("LineNumber");
    }

    [Fact]
    public void Yaml_syntax_errors_give_line_and_column()
    {
        var error = ShouldFail("apiVersion: genie.dev/v1\nkind: Job\nmetadata: name: a\n").Single();
        error.Message.ShouldStartWith("YAML syntax error at line 3, column 15: ");
        error.Message.ShouldNotContain("Idx:");
    }

    [Fact]
    public void Unclosed_yaml_flow_collections_are_syntax_errors_near_the_last_good_position() =>
        ShouldFailOnlyAt("apiVersion: genie.dev/v1\nkind: Job\nmetadata: {name: a\nspec: x\n", "metadata.name",
            "YAML syntax error after line 3, column 12: the text that follows is not valid YAML (look for an unclosed `[`, `{` or quote)");

    private sealed class ChildJobComparer : IEqualityComparer<ChildJobSpec>
    {
        public bool Equals(ChildJobSpec? x, ChildJobSpec? y) =>
            x is not null && y is not null && x.Name == y.Name && x.Namespace == y.Namespace && x.Wait == y.Wait
            && x.Params.OrderBy(p => p.Key).SequenceEqual(y.Params.OrderBy(p => p.Key));

        public int GetHashCode(ChildJobSpec obj) => obj.Name.GetHashCode(StringComparison.Ordinal);
    }
}
