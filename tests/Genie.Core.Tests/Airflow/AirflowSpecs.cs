using Genie.Core.Airflow;
using Genie.Core.Runs;
using Genie.Core.Specs;
using static Genie.Core.Tests.Specs.SpecAssertions;

namespace Genie.Core.Tests.Airflow;

/// <summary>Specs the Airflow tests compile: golden specs covering every feature, and the examples.</summary>
internal static class AirflowSpecs
{
    /// <summary>The options of the golden file.</summary>
    public static readonly DagCompilerOptions GoldenOptions = new(
        AirflowTarget.V3_1, KubernetesNamespace: "genie-jobs", Pool: "genie", ServiceAccountName: "genie-runner",
        KubernetesConnectionId: "kubernetes_genie");

    /// <summary>Every spec feature at once: param types, conditions, runIf, optional, replicas, child jobs, retries, secrets.</summary>
    public const string Features = """
        apiVersion: genie.dev/v1
        kind: Job
        metadata:
          name: warehouse-load
          namespace: analytics
          group: etl
          labels: {team: data, cost-center: "4711"}
        spec:
          description: Loads the warehouse, with every feature the compiler knows
          executor: airflow
          concurrency: {maxActiveRuns: 2, onConflict: queue, key: warehouse-writers}
          params:
            date:    {type: string, required: true, description: "Day to load, YYYY-MM-DD"}
            region:  {type: string, default: eu, enum: [eu, us]}
            shards:  {type: integer, default: 3, enum: [1, 3, 5]}
            ratio:   {type: number, description: Sampling ratio}
            dry:     {type: boolean, default: false}
            comment: {type: string}
          timeout: 2h
          retry: {limit: 2, backoff: exponential, delay: 30s, maxDelay: 10m}
          priority: 10
          defaults:
            image: "registry.example/etl:${{ params.region }}"
            resources: {cpu: 500m, memory: 512Mi, limits: {cpu: "1", memory: 1Gi}}
            env: {LOG_LEVEL: info, TARGET: "s3://bucket/${{ params.date }}/"}
            secrets: [{name: db-creds, key: password, env: DB_PASSWORD}]
            nodeSelector: {pool: batch}
            tolerations: [{key: dedicated, operator: Equal, value: batch, effect: NoSchedule}]
          tasks:
            - name: extract
              description: Pulls the day's rows
              command: [python3, -m, etl.extract]
              args: ["--date", "${{ params.date }}", "--comment=${{ params.comment }}", "--literal=$${{ params.date }}"]
            - name: transform
              dependsOn: [extract]
              replicas: 3
              script: |
                echo "shard $GENIE_REPLICA_INDEX of $GENIE_REPLICA_COUNT for $GENIE_PARAM_DATE"
            - name: load
              dependsOn: [transform]
              when:
                - {param: region, equals: eu}
                - {param: shards, in: [3, 5]}
                - {param: ratio, notEquals: 0.5}
                - {param: dry, equals: false}
              retry: {limit: 5, backoff: fixed, delay: 1500ms}
              timeout: 10m
              skipOnExitCodes: [0, 99]
              priority: -5
              image: registry.example/loader:2
              resources: {memory: 2Gi, limits: {memory: 4Gi}}
              env: {MODE: full}
              secrets: [{name: warehouse, key: token, env: WAREHOUSE_TOKEN}]
              nodeSelector: {disk: ssd}
              tolerations: [{operator: Exists}]
              command: [loader, "--shards=${{ params.shards }}"]
            - {name: report, dependsOn: [load], optional: true, command: [sh, -c, "echo report"]}
            - {name: audit, dependsOn: [report], command: [sh, -c, "echo audit"]}
            - {name: alert, dependsOn: [load, report], runIf: failure, command: [sh, -c, "echo alert"]}
            - {name: cleanup, dependsOn: [load], runIf: always, command: [sh, -c, "echo cleanup"]}
            - name: publish
              dependsOn: [load]
              when: [{param: region, in: [eu]}]
              job: {name: publish, params: {date: "${{ params.date }}", note: "from ${{ params.region }}"}, wait: true}
            - name: notify
              dependsOn: [publish]
              description: Tells the other team, fire and forget
              job: {name: notify, namespace: ops, params: {day: "${{ params.date }}"}, wait: false}
        """;

    /// <summary>The smallest job.</summary>
    public const string Minimal = """
        apiVersion: genie.dev/v1
        kind: Job
        metadata: {name: tiny, namespace: default}
        spec:
          tasks:
            - {name: only, image: "busybox:1.36", command: ["true"]}
        """;

    /// <summary>A job that only triggers other jobs, so no pods.</summary>
    public const string ChildrenOnly = """
        apiVersion: genie.dev/v1
        kind: Job
        metadata: {name: fan-in, namespace: default}
        spec:
          params: {day: {type: string, default: today}}
          tasks:
            - {name: first, job: {name: one, params: {day: "${{ params.day }}"}}}
            - {name: second, dependsOn: [first], runIf: always, job: {name: two, wait: false}}
        """;

    /// <summary>Optional tasks feeding every kind of runIf.</summary>
    public const string OptionalChain = """
        apiVersion: genie.dev/v1
        kind: Job
        metadata: {name: optional-chain, namespace: default}
        spec:
          defaults: {image: "busybox:1.36"}
          tasks:
            - {name: maybe, optional: true, replicas: 2, command: ["false"]}
            - {name: must, command: ["true"]}
            - {name: after-both, dependsOn: [maybe, must], command: ["true"]}
            - {name: on-failure, dependsOn: [maybe, must], runIf: failure, command: ["true"]}
            - {name: finally, dependsOn: [after-both], runIf: always, optional: true, command: ["true"]}
        """;

    /// <summary>The golden specs by name.</summary>
    public static readonly IReadOnlyDictionary<string, string> Golden = new Dictionary<string, string>
    {
        ["features"] = Features,
        ["minimal"] = Minimal,
        ["children-only"] = ChildrenOnly,
        ["optional-chain"] = OptionalChain,
    };

    /// <summary>A golden spec, parsed.</summary>
    public static JobDefinition Parse(string text) => ShouldParse(text, text.TrimStart().StartsWith('{') ? SpecFormat.Json : SpecFormat.Yaml);

    /// <summary>
    /// An example of examples/ as an airflow job: the examples run locally, so those without an image
    /// get one in spec.defaults.
    /// </summary>
    public static JobDefinition Example(string file)
    {
        var path = Path.Combine(PythonProcess.RepositoryRoot, "examples", file);
        var job = ShouldParse(File.ReadAllText(path), Path.GetExtension(file) == ".json" ? SpecFormat.Json : SpecFormat.Yaml);
        var defaults = job.Spec.Defaults with { Image = job.Spec.Defaults.Image ?? "busybox:1.36" };
        return job with { Spec = job.Spec with { Executor = ExecutorKind.Airflow, Defaults = defaults } };
    }

    /// <summary>The file names in examples/.</summary>
    public static IEnumerable<string> ExampleFiles() =>
        Directory.EnumerateFiles(Path.Combine(PythonProcess.RepositoryRoot, "examples"))
            .Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    /// <summary>A run's params: the defaults, plus a value of the right type for each required param.</summary>
    public static IReadOnlyDictionary<string, ParamValue> SampleParams(JobDefinition job, IReadOnlyDictionary<string, string>? given = null)
    {
        var text = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, param) in job.Spec.Params.Where(p => p.Value.Required && p.Value.Default is null))
        {
            text[name] = param.Enum.Count > 0 ? param.Enum[0].ToText() : param.Type switch
            {
                ParamType.Integer => "7",
                ParamType.Number => "0.25",
                ParamType.Boolean => "true",
                _ => "2024-06-01",
            };
        }

        foreach (var (name, value) in given ?? new Dictionary<string, string>())
        {
            text[name] = value;
        }

        var (values, errors) = ParamResolver.FromText(job.Spec.Params, text);
        errors.ShouldBeEmpty(string.Join("; ", errors));
        return values!;
    }
}
