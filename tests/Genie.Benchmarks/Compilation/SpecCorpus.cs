using System.Globalization;
using System.Text;

namespace Genie.Benchmarks.Compilation;

/// <summary>
/// A seeded corpus of valid, varied job specs as YAML: 1–50 tasks in chains, fan-out/fan-in, diamonds,
/// layers and random DAGs, with params of every type, conditions, retries, timeouts, schedules in several
/// time zones, concurrency, resources, env, secrets, images, child jobs and text a Python file must escape.
/// The same seed always gives the same documents.
/// </summary>
public static class SpecCorpus
{
    /// <summary><paramref name="count"/> documents; spec <c>i</c> depends only on the seed and <c>i</c>.</summary>
    public static IReadOnlyList<string> Generate(int count, int seed) =>
        Enumerable.Range(0, count).Select(i => new Writer(new Random(seed * 100_003 + i), i).Write()).ToList();

    private enum Shape
    {
        Chain,
        FanOutFanIn,
        Diamonds,
        Layers,
        Random,
        Independent,
    }

    /// <summary>A param the generator can declare, with conditions that are valid for it.</summary>
    private sealed record ParamChoice(string Name, string Declaration, string[] Conditions);

    private static readonly ParamChoice[] Params =
    [
        new("date", "{type: string, required: true, description: \"Day to load, YYYY-MM-DD\"}", ["{param: date, notEquals: \"1970-01-01\"}"]),
        new("region", "{type: string, default: eu, enum: [eu, us, apac]}", ["{param: region, equals: eu}", "{param: region, in: [us, apac]}", "{param: region, notEquals: us}"]),
        new("shards", "{type: integer, default: 3, enum: [1, 3, 5]}", ["{param: shards, in: [3, 5]}", "{param: shards, equals: 1}"]),
        new("ratio", "{type: number, default: 0.25, description: Sampling ratio}", ["{param: ratio, notEquals: 0.5}", "{param: ratio, in: [0.25, 1.5e3]}"]),
        new("dry", "{type: boolean, default: false}", ["{param: dry, equals: false}", "{param: dry, notEquals: true}"]),
        new("mode", "{type: string, default: full, enum: [full, dry-run, \"it's \\\"quoted\\\"\"]}", ["{param: mode, equals: \"it's \\\"quoted\\\"\"}", "{param: mode, in: [full, dry-run]}"]),
        new("comment", "{type: string, description: \"Free text: {{ not jinja }} and 'quotes'\"}", ["{param: comment, notEquals: \"\"}"]),
        new("limit", "{type: integer, default: -100}", ["{param: limit, equals: 10}", "{param: limit, in: [-100, 0, 100]}"]),
    ];

    // Text that must survive as literal data in a Python file and in Jinja-rendered operator fields.
    private static readonly string[] HostileText =
    [
        "plain words",
        "it's \"quoted\" and \\backslashed\\",
        "{{ ds }} and {% raw %} are not templates here",
        "triple ''' and \"\"\" quotes",
        "line one\nline two\ttabbed",
        "ünïcødé ✓ 日本語 🚀",
        "$HOME and %(name)s and {0}",
        "__import__('os').system('id')",
    ];

    private static readonly string[] Words = ["extract", "transform", "load", "report", "audit", "clean", "publish", "train", "score", "sync", "backup", "notify"];
    private static readonly string[] Namespaces = ["analytics", "ml", "ops", "team-a", "default"];
    private static readonly string[] Groups = ["etl", "ml", "ops", "reports"];
    private static readonly string[] Crons = ["0 2 * * *", "*/15 * * * *", "30 6 * * 1-5", "0 0 1 * *", "5 4 * * 0", "0 */6 * * *"];
    private static readonly string[] TimeZones = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo", "Australia/Sydney", "America/Sao_Paulo", "Asia/Kolkata"];
    private static readonly string[] Policies = ["queue", "skip", "cancel-running", "allow"];
    private static readonly string[] Durations = ["90s", "10m", "2h", "1500ms", "45m", "1h30m"];
    private static readonly string[] Images = ["python:3.12-slim", "registry.example/etl:2024.06", "alpine:3.20", "ghcr.io/example/trainer@sha256:" + new string('a', 64)];

    private sealed class Writer(Random random, int index)
    {
        private readonly StringBuilder _yaml = new();
        private List<ParamChoice> _params = [];

        public string Write()
        {
            _params = Params.Where(_ => random.NextDouble() < 0.35).ToList();
            var jobName = $"job-{index}";
            Line(0, "apiVersion: genie.dev/v1");
            Line(0, "kind: Job");
            Line(0, "metadata:");
            Line(1, $"name: {jobName}");
            Line(1, $"namespace: {Pick(Namespaces)}");
            if (Chance(0.5))
            {
                Line(1, $"group: {Pick(Groups)}");
            }

            if (Chance(0.6))
            {
                Line(1, $"labels: {{team: {Pick(Groups)}, tier: t{random.Next(3)}, \"app.kubernetes.io/name\": {jobName}}}");
            }

            Line(0, "spec:");
            if (Chance(0.5))
            {
                Line(1, $"description: {YamlText.Quote(Pick(HostileText))}");
            }

            if (Chance(0.5))
            {
                Line(1, "executor: airflow");
            }

            if (Chance(0.4))
            {
                Line(1, $"schedule: {{cron: \"{Pick(Crons)}\", timezone: {Pick(TimeZones)}, catchUp: {Bool()}}}");
            }

            if (Chance(0.4))
            {
                var key = Chance(0.3) ? $", key: writers-{random.Next(5)}" : "";
                Line(1, $"concurrency: {{maxActiveRuns: {random.Next(1, 6)}, onConflict: {Pick(Policies)}{key}}}");
            }

            if (_params.Count > 0)
            {
                Line(1, "params:");
                foreach (var param in _params)
                {
                    Line(2, $"{param.Name}: {param.Declaration}");
                }
            }

            if (Chance(0.3))
            {
                Line(1, $"timeout: {Pick(Durations)}");
            }

            if (Chance(0.4))
            {
                Line(1, $"retry: {Retry()}");
            }

            if (Chance(0.3))
            {
                Line(1, $"priority: {random.Next(-100, 101)}");
            }

            Defaults();
            if (Chance(0.2))
            {
                Line(1, "notify: [{on: [failed, cancelled], webhook: \"https://hooks.example/genie?job=" + jobName + "\"}]");
            }

            Tasks();
            return _yaml.ToString();
        }

        private void Defaults()
        {
            Line(1, "defaults:");
            Line(2, $"image: {YamlText.Quote(Has("region") && Chance(0.5) ? "registry.example/etl:${{ params.region }}" : Pick(Images))}");
            if (Chance(0.5))
            {
                Line(2, $"resources: {Resources()}");
            }

            if (Chance(0.5))
            {
                Line(2, $"env: {{LOG_LEVEL: {Pick(["info", "debug", "warning"])}, BANNER: {YamlText.Quote(Pick(HostileText))}{DateEnv()}}}");
            }

            if (Chance(0.3))
            {
                Line(2, "secrets: [{name: db-creds, key: password, env: DEFAULT_DB_PASSWORD}]");
            }

            if (Chance(0.2))
            {
                Line(2, "nodeSelector: {pool: batch}");
            }

            if (Chance(0.2))
            {
                Line(2, "tolerations: [{key: dedicated, operator: Equal, value: batch, effect: NoSchedule}]");
            }
        }

        private void Tasks()
        {
            var count = random.Next(1, 51);
            var names = Enumerable.Range(0, count).Select(i => $"{Pick(Words)}-{i}").ToArray();
            var dependencies = Dependencies(count, (Shape)random.Next(Enum.GetValues<Shape>().Length));
            Line(1, "tasks:");
            for (var i = 0; i < count; i++)
            {
                Task(names[i], dependencies[i].Select(d => names[d]).ToList());
            }
        }

        private void Task(string name, List<string> dependsOn)
        {
            Line(2, $"- name: {name}");
            if (dependsOn.Count > 0)
            {
                Line(3, $"dependsOn: [{string.Join(", ", dependsOn)}]");
            }

            if (Chance(0.3))
            {
                Line(3, $"description: {YamlText.Quote(Pick(HostileText))}");
            }

            var kind = random.NextDouble();
            if (kind < 0.06)
            {
                // A child job task: it has no process of its own, so no image, env, resources or replicas.
                var ns = Chance(0.3) ? ", namespace: shared" : "";
                var parameters = Has("date") ? "{date: \"${{ params.date }}\", note: \"from parent\"}" : "{note: " + YamlText.Quote(Pick(HostileText)) + "}";
                Line(3, $"job: {{name: child-{random.Next(20)}{ns}, params: {parameters}, wait: {Bool()}}}");
            }
            else
            {
                if (kind < 0.35)
                {
                    Line(3, $"script: {YamlText.Quote($"echo \"replica $GENIE_REPLICA_INDEX of $GENIE_REPLICA_COUNT\"\necho {Pick(["'done'", "\"$GENIE_PARAM_DATE\"", "ok"])}\nexit 0\n")}");
                }
                else
                {
                    Line(3, $"command: [python3, -c, {YamlText.Quote("import sys; print(sys.argv[1:])")}]");
                    Line(3, $"args: [{string.Join(", ", Args())}]");
                }

                Workload();
            }

            if (_params.Count > 0 && Chance(0.2))
            {
                var conditions = _params.Where(_ => Chance(0.5)).Select(p => p.Conditions[random.Next(p.Conditions.Length)]).ToList();
                if (conditions.Count > 0)
                {
                    Line(3, $"when: [{string.Join(", ", conditions)}]");
                }
            }

            if (dependsOn.Count > 0 && Chance(0.2))
            {
                Line(3, $"runIf: {Pick(["failure", "always"])}");
            }

            if (Chance(0.1))
            {
                Line(3, "optional: true");
            }

            if (Chance(0.2))
            {
                Line(3, $"retry: {Retry()}");
            }

            if (Chance(0.25))
            {
                Line(3, $"timeout: {Pick(Durations)}");
            }

            if (Chance(0.1))
            {
                Line(3, $"priority: {random.Next(-1000, 1001)}");
            }
        }

        private void Workload()
        {
            if (Chance(0.15))
            {
                Line(3, $"replicas: {random.Next(2, 9)}");
            }

            if (Chance(0.15))
            {
                Line(3, $"image: {YamlText.Quote(Pick(Images))}");
            }

            if (Chance(0.3))
            {
                Line(3, $"env: {{TASK_MODE: {YamlText.Quote(Pick(HostileText))}{DateEnv()}}}");
            }

            if (Chance(0.15))
            {
                Line(3, $"secrets: [{{name: warehouse, key: token.v{random.Next(3)}, env: TASK_TOKEN}}]");
            }

            if (Chance(0.25))
            {
                Line(3, $"resources: {Resources()}");
            }

            if (Chance(0.1))
            {
                Line(3, "nodeSelector: {disk: ssd, \"kubernetes.io/arch\": amd64}");
            }

            if (Chance(0.1))
            {
                Line(3, "tolerations: [{operator: Exists}]");
            }

            if (Chance(0.1))
            {
                Line(3, Chance(0.5) ? "skipOnExitCodes: [99]" : "skipOnExitCodes: [0, 3, 99]");
            }
        }

        private IEnumerable<string> Args()
        {
            yield return YamlText.Quote(Pick(HostileText));
            foreach (var param in _params.Where(_ => Chance(0.5)))
            {
                yield return YamlText.Quote($"--{param.Name}=${{{{ params.{param.Name} }}}}");
            }

            if (Chance(0.2))
            {
                yield return YamlText.Quote("--literal=$${{ params.escaped }}");
            }
        }

        private List<int>[] Dependencies(int count, Shape shape)
        {
            var dependencies = Enumerable.Range(0, count).Select(_ => new List<int>()).ToArray();
            for (var i = 1; i < count; i++)
            {
                switch (shape)
                {
                    case Shape.Chain:
                        dependencies[i].Add(i - 1);
                        break;
                    case Shape.FanOutFanIn when i < count - 1 || count < 3:
                        dependencies[i].Add(0);
                        break;
                    case Shape.FanOutFanIn:
                        dependencies[i].AddRange(Enumerable.Range(1, count - 2));
                        break;
                    case Shape.Diamonds:
                        // After the root, groups of three: two sides hanging off the previous join, then their join.
                        var group = (i - 1) / 3;
                        var previousJoin = group * 3;
                        dependencies[i].AddRange((i - 1) % 3 == 2 ? [i - 2, i - 1] : [previousJoin]);
                        break;
                    case Shape.Layers:
                        var width = 1 + (index % 5);
                        var layerStart = i / width * width;
                        if (layerStart > 0)
                        {
                            var previous = Enumerable.Range(layerStart - width, width).ToList();
                            dependencies[i].AddRange(previous.Where(_ => Chance(0.6)).DefaultIfEmpty(previous[random.Next(previous.Count)]));
                        }

                        break;
                    case Shape.Random:
                        dependencies[i].AddRange(Enumerable.Range(0, random.Next(0, 4)).Select(_ => random.Next(i)).Distinct());
                        break;
                    case Shape.Independent:
                        break;
                }
            }

            return dependencies;
        }

        private string Retry()
        {
            var exponential = Chance(0.5);
            var delay = random.Next(1, 60);
            var maxDelay = exponential && Chance(0.5) ? $", maxDelay: {delay * random.Next(2, 20)}s" : "";
            return $"{{limit: {random.Next(0, 6)}, backoff: {(exponential ? "exponential" : "fixed")}, delay: {delay}s{maxDelay}}}";
        }

        // Requests and limits are always written together, so a task's resources never leave a limit below
        // a request that the defaults set.
        private string Resources()
        {
            var cpu = Pick([100, 250, 500, 1000, 2000]);
            var memory = Pick([64, 128, 512, 1024, 4096]);
            return string.Create(CultureInfo.InvariantCulture,
                $"{{cpu: {cpu}m, memory: {memory}Mi, limits: {{cpu: \"{cpu * 2}m\", memory: {memory * 2}Mi}}}}");
        }

        private string DateEnv() => Has("date") ? ", RUN_DATE: \"day=${{ params.date }}\"" : "";

        private bool Has(string param) => _params.Any(p => p.Name == param);

        private bool Chance(double probability) => random.NextDouble() < probability;

        private string Bool() => Chance(0.5) ? "true" : "false";

        private T Pick<T>(IReadOnlyList<T> values) => values[random.Next(values.Count)];

        private void Line(int depth, string text) => _yaml.Append(' ', depth * 2).Append(text).Append('\n');
    }
}
