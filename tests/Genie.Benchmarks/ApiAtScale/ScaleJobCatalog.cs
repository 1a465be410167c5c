using System.Globalization;
using System.Text;
using Genie.Core.Specs;
using Genie.Server.Api;

namespace Genie.Benchmarks.ApiAtScale;

/// <summary>
/// Generates the jobs of the scale dataset as YAML specs and records each version exactly as apply would: the
/// server's own <see cref="SpecSubmission"/> parses it, so the canonical definition and content hash are real.
/// </summary>
public static class ScaleJobCatalog
{
    public static IReadOnlyList<string> Namespaces { get; } = ["analytics", "payments", "ml", "platform", "marketing"];

    public static IReadOnlyList<string> Groups { get; } =
        ["etl", "reports", "ingest", "billing", "features", "training", "exports", "backups", "alerts", "sync", "audit", "web"];

    public static IReadOnlyList<string> Teams { get; } =
        ["data", "finance", "growth", "search", "ads", "risk", "infra", "mobile", "core", "research"];

    private static readonly string[] Subjects =
        ["orders", "customers", "events", "invoices", "sessions", "inventory", "clicks", "refunds", "models", "metrics", "ledger", "emails"];

    public static IReadOnlyList<ScaleJob> Generate(int count, DateTime historyStart, DateTime now, ulong seed)
    {
        var random = new SplitMix64(seed);
        var jobs = new List<ScaleJob>(count);
        for (var i = 0; i < count; i++)
        {
            jobs.Add(Generate(i, ref random, historyStart, now));
        }

        return jobs;
    }

    private static ScaleJob Generate(int index, ref SplitMix64 random, DateTime historyStart, DateTime now)
    {
        var ns = Namespaces[index % Namespaces.Count];
        var shape = JobShape.Pick(ref random);
        var name = $"{Subjects[random.Below(Subjects.Length)]}-{shape.Chain[0].Task}-{index.ToString("D5", CultureInfo.InvariantCulture)}";
        var group = random.Chance(0.8) ? Groups[random.Below(Groups.Count)] : null;
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["team"] = Teams[random.Below(Teams.Count)],
            ["tier"] = random.Fraction() switch { < 0.2 => "gold", < 0.5 => "silver", _ => "bronze" },
            ["env"] = random.Chance(0.85) ? "prod" : "staging",
        };
        if (random.Chance(0.3))
        {
            labels["pii"] = "true";
        }

        var onAirflow = random.Chance(0.2);
        var priority = random.Chance(0.2) ? 10 : 0;
        var scheduled = random.Chance(0.7);
        var limited = random.Chance(0.3);
        var skips = limited && random.Chance(0.5);
        TimeSpan? timeout = random.Chance(0.5) ? TimeSpan.FromHours(2) : null;
        var retryLimit = random.Below(3);
        var cron = $"{random.Below(60)} {random.Below(24)} * * *";

        // Most jobs run daily, some many times a day: a few jobs own a large share of the history.
        var weight = random.Fraction() switch { < 0.05 => 20.0, < 0.30 => 4.0, _ => 1.0 };

        // Versions: created before the history starts, changed a few times during it.
        var versionCount = 1 + (random.Chance(0.4) ? 1 + random.Below(3) : 0);
        var created = historyStart - TimeSpan.FromHours(1 + random.Below(24 * 20));
        var versions = new List<ScaleJobVersion>(versionCount);
        for (var v = 1; v <= versionCount; v++)
        {
            var at = v == 1 ? created : historyStart + (now - historyStart) * ((v - 1 + random.Fraction()) / versionCount);
            var yaml = SpecText(ns, name, group, labels, onAirflow, shape, priority, scheduled ? cron : null,
                limited, skips, timeout, retryLimit, v);
            var (submission, errors) = SpecSubmission.Prepare(new SpecDocument(yaml, SpecFormat.Yaml), ns, name, SpecLimits.Default, ExecutorKind.Local);
            if (submission is null)
            {
                throw new InvalidOperationException($"Generated spec of {ns}/{name} is invalid: {string.Join("; ", errors.Select(e => $"{e.Path}: {e.Message}"))}\n{yaml}");
            }

            versions.Add(new ScaleJobVersion(v, submission, at));
        }

        var id = index + 1L;
        var scope = !limited ? null : random.Chance(0.2) ? "key:" + ns + "-writers" : "job:" + id.ToString(CultureInfo.InvariantCulture);
        return new ScaleJob(id, ns, name, group, labels, onAirflow, shape, priority, scope, skips, timeout, retryLimit, scheduled,
            weight, versions);
    }

    private static string SpecText(
        string ns, string name, string? group, IReadOnlyDictionary<string, string> labels, bool onAirflow, JobShape shape,
        int priority, string? cron, bool limited, bool skips, TimeSpan? timeout, int retryLimit, int version)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"""
            apiVersion: genie.dev/v1
            kind: Job
            metadata:
              name: {name}
              namespace: {ns}

            """);
        if (group is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"  group: {group}\n");
        }

        text.Append("  labels: {").Append(string.Join(", ", labels.Select(l => $"{l.Key}: \"{l.Value}\""))).Append("}\n");
        text.Append(CultureInfo.InvariantCulture, $"""
            spec:
              description: Loads {name.Split('-')[0]} for the {labels["team"]} team (revision {version})
              executor: {(onAirflow ? "airflow" : "local")}

            """);
        if (cron is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"  schedule: {{cron: \"{cron}\", timezone: UTC, catchUp: false}}\n");
        }

        if (limited)
        {
            text.Append(CultureInfo.InvariantCulture, $"  concurrency: {{maxActiveRuns: 1, onConflict: {(skips ? "skip" : "queue")}}}\n");
        }

        text.Append("""
              params:
                date:   {type: string, required: true, description: "Day to process, YYYY-MM-DD"}
                region: {type: string, default: eu, enum: [eu, us]}

            """);
        if (timeout is { } limit)
        {
            text.Append(CultureInfo.InvariantCulture, $"  timeout: {SpecDuration.Format(limit)}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"  retry: {{limit: {retryLimit}, backoff: exponential, delay: 30s, maxDelay: 10m}}\n");
        if (priority != 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"  priority: {priority}\n");
        }

        text.Append("""
              defaults:
                image: "python:3.12-slim"
                resources: {cpu: 500m, memory: 512Mi}
                env: {LOG_LEVEL: info}
              tasks:

            """);
        string? previous = null;
        foreach (var (task, replicas) in shape.Chain)
        {
            text.Append(CultureInfo.InvariantCulture, $"    - name: {task}\n");
            if (previous is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $"      dependsOn: [{previous}]\n");
            }

            if (replicas > 1)
            {
                text.Append(CultureInfo.InvariantCulture, $"      replicas: {replicas}\n");
            }

            text.Append(CultureInfo.InvariantCulture, $"      command: [python3, -m, jobs.{task}, \"--date\", \"${{{{ params.date }}}}\"]\n");
            previous = task;
        }

        return text.ToString();
    }
}
