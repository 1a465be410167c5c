using Genie.Core.Specs;
using static Genie.Core.Tests.Specs.SpecAssertions;
using static Genie.Core.Tests.Specs.SpecDocuments;

namespace Genie.Core.Tests.Specs;

public class CanonicalFormTests
{
    [Fact]
    public void Yaml_and_json_of_the_design_example_give_the_same_json_and_hash()
    {
        var yaml = ShouldParse(DesignExample);
        var json = ShouldParse(DesignExampleJson, SpecFormat.Json);

        JobCanonicalForm.ToJson(json).ShouldBe(JobCanonicalForm.ToJson(yaml));
        JobCanonicalForm.ContentHash(json).ShouldBe(JobCanonicalForm.ContentHash(yaml));
    }

    [Fact]
    public void Hash_is_lowercase_sha256_hex()
    {
        var hash = JobCanonicalForm.ContentHash(ShouldParse(DesignExample));

        hash.ShouldMatch("^[0-9a-f]{64}$");
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(JobCanonicalForm.ToJson(ShouldParse(DesignExample)))));
        hash.ShouldBe(expected);
    }

    [Fact]
    public void Small_job_has_exactly_this_canonical_form()
    {
        var job = ShouldParse("""
            kind: Job
            apiVersion: genie.dev/v1
            spec:
              tasks:
                - command: [echo, "héllo"]
                  env: {b: "2", B: "1", a: "3"}
                  name: hi
              timeout: 90s
            metadata: {name: hello}
            """);

        JobCanonicalForm.ToJson(job).ShouldBe(
            """{"apiVersion":"genie.dev/v1","kind":"Job","metadata":{"name":"hello"},"spec":{"priority":0,"tasks":[{"command":["echo","héllo"],"env":{"B":"1","a":"3","b":"2"},"name":"hi","optional":false,"replicas":1,"runIf":"success"}],"timeout":"1m30s"}}""");
    }

    [Theory]
    [InlineData("timeout: 90s", "timeout: 1m30s")]
    [InlineData("timeout: 1.5h", "timeout: 1h30m")]
    [InlineData("timeout: 3600000ms", "timeout: 60m")]
    [InlineData("schedule: {cron: '0  2 * * mon'}", "schedule: {cron: '0 2 * * MON', timezone: UTC, catchUp: false}")]
    [InlineData("schedule: {cron: '@DAILY'}", "schedule: {cron: '@daily'}")]
    [InlineData("concurrency: {}", "concurrency: {maxActiveRuns: 1, onConflict: queue}")]
    [InlineData("retry: {}", "priority: 0")]
    [InlineData("defaults: {}", "defaults: {env: {}, secrets: [], tolerations: []}")]
    [InlineData("params: {p: ~}", "params: {p: {type: string, required: false}}")]
    [InlineData("params: {n: {type: number, default: 1}}", "params: {n: {type: number, default: 1.0}}")]
    [InlineData("params: {n: {type: number, default: 1e3}}", "params: {n: {type: number, default: 1000}}")]
    [InlineData("params: {n: {type: integer, default: +7}}", "params: {n: {type: integer, default: 007}}")]
    [InlineData("description: \"plain\"", "description: plain")]
    public void Documents_that_mean_the_same_hash_the_same(string left, string right)
    {
        var a = ShouldParse(WithTask("command: [echo]", left));
        var b = ShouldParse(WithTask("command: [echo]", right));

        JobCanonicalForm.ToJson(a).ShouldBe(JobCanonicalForm.ToJson(b));
        JobCanonicalForm.ContentHash(a).ShouldBe(JobCanonicalForm.ContentHash(b));
    }

    [Theory]
    [InlineData("replicas: 1\noptional: false\nrunIf: success\nenv: {}\ndependsOn: []\nwhen: []\nargs: []")]
    [InlineData("skipOnExitCodes: []\nsecrets: []\nnodeSelector: {}\ntolerations: []\nretry: {}")]
    public void Task_defaults_written_out_hash_like_omitted_ones(string fields)
    {
        var plain = ShouldParse(WithTask("command: [echo]"));
        var spelled = ShouldParse(WithTask("command: [echo]\n" + fields));

        JobCanonicalForm.ContentHash(spelled).ShouldBe(JobCanonicalForm.ContentHash(plain));
    }

    [Fact]
    public void Child_job_wait_defaults_to_true_in_the_hash() =>
        JobCanonicalForm.ContentHash(ShouldParse(WithTask("job: {name: other}")))
            .ShouldBe(JobCanonicalForm.ContentHash(ShouldParse(WithTask("job: {name: other, wait: true, params: {}}"))));

    [Theory]
    [InlineData("replicas: 4", "replicas: 5")]
    [InlineData("timeout: 90s", "timeout: 91s")]
    [InlineData("description: a", "description: b")]
    [InlineData("resources: {cpu: 500m}", "resources: {cpu: '0.5'}")]
    [InlineData("command: [echo, a, b]", "command: [echo, b, a]")]
    [InlineData("env: {A: x}", "env: {A: X}")]
    public void Any_real_change_changes_the_hash(string left, string right)
    {
        var a = ShouldParse(WithTask(left.StartsWith("command", StringComparison.Ordinal) ? left : "command: [echo]\n" + left));
        var b = ShouldParse(WithTask(right.StartsWith("command", StringComparison.Ordinal) ? right : "command: [echo]\n" + right));

        JobCanonicalForm.ContentHash(a).ShouldNotBe(JobCanonicalForm.ContentHash(b));
    }

    [Fact]
    public void Task_order_is_part_of_the_meaning()
    {
        var a = ShouldParse(WithTasks("- {name: a, command: [echo]}\n- {name: b, command: [echo]}"));
        var b = ShouldParse(WithTasks("- {name: b, command: [echo]}\n- {name: a, command: [echo]}"));

        JobCanonicalForm.ContentHash(a).ShouldNotBe(JobCanonicalForm.ContentHash(b));
    }

    [Fact]
    public void Namespace_filled_in_by_the_server_is_part_of_the_hash()
    {
        var job = ShouldParse(WithTask("command: [echo]"));
        var placed = job with { Metadata = job.Metadata with { Namespace = "analytics" } };

        JobCanonicalForm.ToJson(placed).ShouldContain("\"namespace\":\"analytics\"");
        JobCanonicalForm.ContentHash(placed).ShouldNotBe(JobCanonicalForm.ContentHash(job));
    }

    [Fact]
    public void Canonical_json_omits_nulls_and_parses_back_to_itself()
    {
        var json = JobCanonicalForm.ToJson(ShouldParse(DesignExample));

        json.ShouldNotContain("null");
        var again = ShouldParse(json, SpecFormat.Json);
        JobCanonicalForm.ToJson(again).ShouldBe(json);
    }

    [Fact]
    public void Typed_param_values_keep_their_json_types()
    {
        var json = JobCanonicalForm.ToJson(ShouldParse(WithTask(
            "command: [echo]\nwhen: [{param: n, in: [1, 2]}, {param: f, equals: true}, {param: x, notEquals: 2.5}]",
            "params: {n: {type: integer, default: 1}, f: {type: boolean}, x: {type: number, enum: [2.5, 3]}, s: {default: '1'}}")));

        json.ShouldContain("\"n\":{\"default\":1,\"required\":false,\"type\":\"integer\"}");
        json.ShouldContain("\"s\":{\"default\":\"1\",\"required\":false,\"type\":\"string\"}");
        json.ShouldContain("\"enum\":[2.5,3]");
        json.ShouldContain("{\"in\":[1,2],\"param\":\"n\"}");
        json.ShouldContain("{\"equals\":true,\"param\":\"f\"}");
        json.ShouldContain("{\"notEquals\":2.5,\"param\":\"x\"}");
    }

    [Fact]
    public void Keys_are_sorted_ordinally_at_every_level()
    {
        var json = JobCanonicalForm.ToJson(ShouldParse(WithTask("command: [echo]\nenv: {bq: '1', Zq: '2', _xq: '3', A1q: '4'}",
            "defaults: {nodeSelector: {zone: a, Arch: b}}")));

        json.IndexOf("\"A1q\"", StringComparison.Ordinal).ShouldBeLessThan(json.IndexOf("\"Zq\"", StringComparison.Ordinal));
        json.IndexOf("\"Zq\"", StringComparison.Ordinal).ShouldBeLessThan(json.IndexOf("\"_xq\"", StringComparison.Ordinal));
        json.IndexOf("\"_xq\"", StringComparison.Ordinal).ShouldBeLessThan(json.IndexOf("\"bq\"", StringComparison.Ordinal));
        json.IndexOf("\"Arch\"", StringComparison.Ordinal).ShouldBeLessThan(json.IndexOf("\"zone\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Canonical_json_of_every_setting_round_trips()
    {
        var job = ShouldParse(WithTask(
            """
            image: "alpine:3"
            command: [sh, -c, "echo ${{ params.p }}"]
            args: ["${{params.p}}"]
            env: {A: "${{ params.p }}"}
            secrets: [{name: db, key: pw, env: DB_PW}]
            resources: {cpu: 250m, memory: 64Mi, limits: {cpu: "1", memory: 128Mi}}
            nodeSelector: {disk: ssd}
            tolerations: [{key: gpu, operator: Exists, effect: NoExecute}]
            retry: {limit: 3, backoff: exponential, delay: 1s, maxDelay: 1m}
            timeout: 1500ms
            priority: -5
            optional: true
            skipOnExitCodes: [3, 4]
            when: [{param: p, in: [a, b]}]
            """,
            "description: everything\nexecutor: local\nparams: {p: {enum: [a, b], default: a, description: pick}}\n" +
            "concurrency: {maxActiveRuns: 2, onConflict: cancel-running, key: k}\nnotify: [{on: [succeeded, failed], webhook: 'https://x.example/h', secret: {name: hooks, key: signing}}]\n" +
            "defaults: {image: busybox, env: {Z: z}, secrets: [{name: s, key: k, env: S}], nodeSelector: {a: b}, tolerations: [{operator: Exists}], resources: {cpu: 1}}"));
        var json = JobCanonicalForm.ToJson(job);

        JobCanonicalForm.ToJson(ShouldParse(json, SpecFormat.Json)).ShouldBe(json);
        json.ShouldContain("\"timeout\":\"1.5s\"");
        json.ShouldContain("\"onConflict\":\"cancel-running\"");
        json.ShouldContain("\"secret\":{\"key\":\"signing\",\"name\":\"hooks\"}");
    }
}
