using System.Text.Json;
using System.Text.RegularExpressions;
using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests.Telemetry;

/// <summary>
/// The Grafana dashboards in `charts/genie/dashboards/`: valid dashboard JSON on the `${DS_PROMETHEUS}` data source, and
/// every panel query (with its variables set to what the scraped Genie ran) parses in the real Prometheus and returns data.
/// </summary>
[Collection(ScrapedGenieCollection.Name)]
public sealed partial class DashboardQueryTests(ScrapedGenie genie)
{
    private const string DataSource = "${DS_PROMETHEUS}";
    private static readonly string Folder = Path.Combine(RepositoryFiles.Root, "charts", "genie", "dashboards");

    public static TheoryData<string> Dashboards()
    {
        var names = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Folder, "*.json").Order(StringComparer.Ordinal))
        {
            names.Add(Path.GetFileName(file));
        }

        return names;
    }

    [Fact]
    public void The_four_dashboards_of_the_issue_are_there()
    {
        Directory.GetFiles(Folder, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal)
            .ShouldBe(["executor.json", "fleet-overview.json", "one-job.json", "scheduler-health.json"]);
    }

    [Theory]
    [MemberData(nameof(Dashboards))]
    public void A_dashboard_is_grafana_json_on_the_prometheus_data_source_variable(string file)
    {
        using var dashboard = Load(file);
        var root = dashboard.RootElement;
        root.GetProperty("schemaVersion").GetInt32().ShouldBeGreaterThanOrEqualTo(36);
        root.GetProperty("uid").GetString().ShouldStartWith("genie-");
        root.GetProperty("title").GetString().ShouldNotBeNullOrWhiteSpace();
        var variables = root.GetProperty("templating").GetProperty("list").EnumerateArray().ToList();
        variables.ShouldContain(v => v.GetProperty("name").GetString() == "DS_PROMETHEUS" && v.GetProperty("type").GetString() == "datasource");

        var panels = root.GetProperty("panels").EnumerateArray().ToList();
        panels.ShouldNotBeEmpty();
        panels.Select(p => p.GetProperty("id").GetInt32()).ShouldBeUnique();
        foreach (var panel in panels)
        {
            var title = panel.GetProperty("title").GetString();
            panel.GetProperty("datasource").GetProperty("uid").GetString().ShouldBe(DataSource, title);
            var position = panel.GetProperty("gridPos");
            (position.GetProperty("x").GetInt32() + position.GetProperty("w").GetInt32()).ShouldBeLessThanOrEqualTo(24, title);
            var targets = panel.GetProperty("targets").EnumerateArray().ToList();
            targets.ShouldNotBeEmpty(title);
            targets.ShouldAllBe(t => t.GetProperty("datasource").GetProperty("uid").GetString() == DataSource, title);
        }

        var defined = variables.Select(v => v.GetProperty("name").GetString()!).ToHashSet();
        foreach (var query in Queries(root).Concat(VariableQueries(root).Select(v => v.Query)))
        {
            foreach (Match used in VariableUse().Matches(query))
            {
                var name = used.Groups["name"].Value;
                (name.StartsWith("__", StringComparison.Ordinal) || defined.Contains(name)).ShouldBeTrue($"`{query}` uses ${name}, which the dashboard does not define");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Dashboards))]
    public async Task Every_query_of_a_dashboard_parses_and_returns_data_after_the_jobs_ran(string file)
    {
        using var dashboard = Load(file);
        var root = dashboard.RootElement;
        foreach (var (name, query) in VariableQueries(root))
        {
            var values = LabelValues().Match(Substitute(query));
            values.Success.ShouldBeTrue($"variable {name}: `{query}` is not label_values(selector, label)");
            var found = await genie.Prometheus.LabelValuesAsync(values.Groups["label"].Value, values.Groups["selector"].Value);
            found.ShouldContain(Values[name], $"variable {name}: `{query}`");
        }

        foreach (var query in Queries(root))
        {
            var promql = Substitute(query);
            var samples = await genie.Prometheus.QueryAsync(promql);
            samples.ShouldContain(s => double.IsFinite(s.Value), $"`{promql}` answered no finite value: " +
                string.Join(", ", samples.Select(s => s.Value)));
        }
    }

    /// <summary>What the test sets the variables to: the scraped Genie's namespace and its scheduled job, windows that cover the test.</summary>
    private static readonly Dictionary<string, string> Values = new()
    {
        ["namespace"] = ScrapedGenie.Ns,
        ["job"] = ScrapedGenie.Ticking,
        ["__rate_interval"] = "10m",
        ["__interval"] = "1m",
        ["__range"] = "1h",
    };

    private static string Substitute(string query) => VariableUse().Replace(query, m =>
        Values.TryGetValue(m.Groups["name"].Value, out var value) ? value : m.Value);

    private static IEnumerable<string> Queries(JsonElement root) =>
        root.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray())
            .Select(t => t.GetProperty("expr").GetString()!);

    private static IEnumerable<(string Name, string Query)> VariableQueries(JsonElement root) =>
        root.GetProperty("templating").GetProperty("list").EnumerateArray()
            .Where(v => v.GetProperty("type").GetString() == "query")
            .Select(v => (v.GetProperty("name").GetString()!, v.GetProperty("query").GetProperty("query").GetString()!));

    private static JsonDocument Load(string file) => JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, file)));

    [GeneratedRegex(@"\$\{?(?<name>[A-Za-z_][A-Za-z0-9_]*)\}?")]
    private static partial Regex VariableUse();

    [GeneratedRegex(@"^label_values\((?<selector>.+),\s*(?<label>[A-Za-z_][A-Za-z0-9_]*)\)$")]
    private static partial Regex LabelValues();
}
