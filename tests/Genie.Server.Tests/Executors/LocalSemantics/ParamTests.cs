using Genie.Client;
using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests.Executors.LocalSemantics;

/// <summary>
/// Params: checked at trigger time, defaults filled, and delivered to the process as whole values (argv elements,
/// environment variables), never as shell text.
/// </summary>
public sealed class ParamTests(GenieApp app) : IClassFixture<GenieApp>
{
    private readonly JobBench _bench = new(app, "params");

    private const string Settings = """
        params:
          text: {type: string, required: true}
          count: {type: integer, default: 3}
          ratio: {type: number, default: 0.5}
          verbose: {type: boolean, default: false}
          region: {type: string, default: eu, enum: [eu, us]}
        """;

    // Anything a shell would act on: quotes, command substitution, separators, globs, a placeholder of its own.
    private const string Hostile = """it's "quoted" $(touch pwned) `touch pwned`; touch pwned && echo * ${{ params.count }} \n""";

    [Fact]
    public async Task Values_reach_argv_and_env_verbatim_without_a_shell()
    {
        await _bench.ApplyAsync("verbatim", """
            - name: argv
              command: [printf, '[%s]\n', "${{ params.text }}"]
              args: ["count=${{ params.count }}", "$${{ params.text }}"]
            - name: env
              env: {MESSAGE: "${{ params.text }}", LABEL: "region ${{ params.region }}"}
              script: printf '[%s]\n' "$MESSAGE" "$LABEL" "$GENIE_PARAM_TEXT"
            """, Settings);

        var run = await _bench.RunAsync("verbatim", ("text", Hostile));

        run.State.ShouldBe("succeeded", run.Describe());
        (await _bench.StdoutAsync(run, "argv")).ShouldBe([$"[{Hostile}]", "[count=3]", "[${{ params.text }}]"]);
        (await _bench.StdoutAsync(run, "env")).ShouldBe([$"[{Hostile}]", "[region eu]", $"[{Hostile}]"]);
        Directory.EnumerateFileSystemEntries(_bench.WorkingDirectory(run)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Tasks_see_their_identity_and_every_param_as_GENIE_variables()
    {
        await _bench.ApplyAsync("identity", """
            - name: whoami
              env: {FROM_SPEC: "kept ${{ params.count }}"}
              script: |
                echo "run=$GENIE_RUN_ID"
                echo "namespace=$GENIE_NAMESPACE"
                echo "job=$GENIE_JOB"
                echo "task=$GENIE_TASK"
                echo "attempt=$GENIE_ATTEMPT"
                echo "replica=$GENIE_REPLICA_INDEX/$GENIE_REPLICA_COUNT"
                echo "env=$FROM_SPEC/$LOG_LEVEL"
                echo "text=$GENIE_PARAM_TEXT count=$GENIE_PARAM_COUNT ratio=$GENIE_PARAM_RATIO verbose=$GENIE_PARAM_VERBOSE region=$GENIE_PARAM_REGION"
            """, Settings + "\ndefaults: {env: {LOG_LEVEL: debug}}");

        var run = await _bench.RunAsync("identity", ("text", "hi"), ("count", 42), ("verbose", true));

        run.State.ShouldBe("succeeded", run.Describe());
        (await _bench.StdoutAsync(run, "whoami")).ShouldBe([
            $"run={run.Id}",
            "namespace=params",
            "job=identity",
            "task=whoami",
            "attempt=1",
            "replica=0/1",
            "env=kept 42/debug",
            "text=hi count=42 ratio=0.5 verbose=true region=eu",
        ]);
    }

    [Fact]
    public async Task Defaults_fill_params_that_were_not_given()
    {
        await _bench.ApplyAsync("defaults", "- {name: noop, command: [\"true\"]}", Settings);

        var run = await _bench.TriggerAsync("defaults", ("text", "only this"), ("region", "us"));

        run.Params.Keys.Order().ShouldBe(["count", "ratio", "region", "text", "verbose"]);
        run.Params["text"].GetString().ShouldBe("only this");
        run.Params["count"].GetInt64().ShouldBe(3);
        run.Params["ratio"].GetDouble().ShouldBe(0.5);
        run.Params["verbose"].GetBoolean().ShouldBeFalse();
        run.Params["region"].GetString().ShouldBe("us");
    }

    [Fact]
    public async Task Invalid_params_are_rejected_all_at_once_with_their_paths()
    {
        await _bench.ApplyAsync("strict", "- {name: noop, command: [\"true\"]}", Settings);

        var error = await Should.ThrowAsync<GenieApiException>(() =>
            _bench.TriggerAsync("strict", ("count", "three"), ("region", "mars"), ("colour", "blue"), ("verbose", "yes")));

        error.StatusCode.ShouldBe(400);
        var errors = error.Problem.Errors.ShouldNotBeNull();
        errors.Select(e => e.Path).Order().ShouldBe(
            ["body.params.colour", "body.params.count", "body.params.region", "body.params.text", "body.params.verbose"]);
        errors.Single(e => e.Path == "body.params.text").Message.ShouldContain("required");
        errors.Single(e => e.Path == "body.params.region").Message.ShouldContain("eu, us");
        errors.Single(e => e.Path == "body.params.colour").Message.ShouldContain("unknown param");
        (await _bench.Client.ListRunsAsync(_bench.Namespace, new RunListQuery(Job: "strict"))).Items.ShouldBeEmpty();
    }
}
