using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json.Nodes;
using Genie.Server.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Genie.Server.Tests.Deployment;

/// <summary>
/// What the chart ships from elsewhere in the repository is rendered from those files, not from copies: the Kafka
/// Connect configs and the Flink SQL job of flink-jobs/ (linked into charts/genie/files/, links helm follows and packs as
/// files) and the Grafana dashboards.
/// </summary>
public sealed class ChartSourceFilesTests
{
    private static readonly string ConnectDir = Path.Combine(RepositoryFiles.Root, "flink-jobs", "connect");
    private static readonly string SqlFile = Path.Combine(RepositoryFiles.Root, "flink-jobs", "sql", "genie-stats.sql");

    // The properties the chart sets per cluster; every other property of a connector file passes through unchanged.
    private static readonly string[] Replaced =
    [
        "connection.url", "connection.user", "connection.password",
        "database.hostname", "database.port", "database.dbname", "database.user", "database.password",
        "key.converter.schema.registry.url", "value.converter.schema.registry.url",
    ];

    [Fact]
    public void The_charts_files_are_links_to_flink_jobs()
    {
        var connect = new DirectoryInfo(Path.Combine(Helm.ChartDir, "files", "connect"));
        var sql = new FileInfo(Path.Combine(Helm.ChartDir, "files", "genie-stats.sql"));

        connect.LinkTarget.ShouldNotBeNull();
        sql.LinkTarget.ShouldNotBeNull();
        connect.ResolveLinkTarget(returnFinalTarget: true)!.FullName.ShouldBe(ConnectDir);
        sql.ResolveLinkTarget(returnFinalTarget: true)!.FullName.ShouldBe(SqlFile);
    }

    [Fact]
    public async Task With_the_default_values_each_connector_is_its_file_unchanged()
    {
        var chart = await Helm.TemplateAsync(sets: [.. CdcMode]);

        var files = ConnectorFiles().ToList();

        files.Count.ShouldBe(4);
        chart.OfKind("KafkaConnector").Count().ShouldBe(files.Count);
        foreach (var file in files)
        {
            var connector = chart.Get("KafkaConnector", (string)file["name"]!);
            var config = file["config"]!.AsObject();
            connector["spec"]!["class"]!.ToString().ShouldBe(config["connector.class"]!.ToString());
            ((int)connector["spec"]!["tasksMax"]!).ShouldBe(int.Parse(config["tasks.max"]!.ToString()));
            AsStrings(connector["spec"]!["config"]!.AsObject()).OrderBy(p => p.Key, StringComparer.Ordinal).ShouldBe(
                AsStrings(config).Where(p => p.Key is not ("connector.class" or "tasks.max")).OrderBy(p => p.Key, StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task With_the_full_values_only_the_per_cluster_properties_change()
    {
        // The full values run Genie's producer, so the Debezium connector comes from the Cdc variant.
        var chart = await Helm.TemplateAsync([Helm.FullValues], [.. CdcMode]);
        var values = FullValues();
        var connect = (YamlMappingNode)values["kafkaConnect"];

        foreach (var file in ConnectorFiles())
        {
            var original = AsStrings(file["config"]!.AsObject());
            var rendered = AsStrings(chart.Get("KafkaConnector", (string)file["name"]!)["spec"]!["config"]!.AsObject());
            rendered.Keys.Order().ShouldBe(original.Keys.Except(["connector.class", "tasks.max"]).Order());
            foreach (var (property, value) in rendered)
            {
                if (!Replaced.Contains(property))
                {
                    value.ShouldBe(original[property], property);
                }
            }

            if (rendered.ContainsKey("connection.url"))
            {
                rendered["connection.url"].ShouldBe(Scalar(connect, "jdbcSink", "connectionUrl"));
                rendered["connection.password"].ShouldBe(Scalar(connect, "jdbcSink", "password"));
                rendered["value.converter.schema.registry.url"].ShouldBe(Scalar(connect, "schemaRegistryUrl"));
            }
            else
            {
                rendered["database.hostname"].ShouldBe(Scalar(connect, "debeziumOutbox", "hostname"));
                rendered["database.password"].ShouldBe(Scalar(connect, "debeziumOutbox", "password"));
            }
        }
    }

    [Fact]
    public async Task In_cdc_mode_genie_waits_for_the_slot_the_debezium_connector_reads_and_does_not_produce()
    {
        var chart = await Helm.TemplateAsync(sets: [.. CdcMode]);
        var debezium = ConnectorFiles().Single(f => (string)f["name"]! == "genie-outbox");

        var server = chart.Get("ConfigMap", "genie-server")["data"]!.AsObject();

        server["Genie__Kafka__Mode"]!.ToString().ShouldBe("Cdc");
        server["Genie__Kafka__CdcSlotName"]!.ToString().ShouldBe(debezium["config"]!["slot.name"]!.ToString());
        server.ContainsKey("Genie__Kafka__BootstrapServers").ShouldBeFalse();
        chart.Get("KafkaConnector", "genie-outbox")["spec"]!["config"]!["slot.name"]!.ToString()
            .ShouldBe(server["Genie__Kafka__CdcSlotName"]!.ToString());
    }

    private static readonly string[] CdcMode =
    [
        "kafka.mode=Cdc", "kafka.schemaRegistryUrl=http://schema-registry:8081",
        "kafkaConnect.enabled=true", "kafkaConnect.debeziumOutbox.enabled=true",
    ];

    [Fact]
    public async Task The_sql_configmap_is_the_flink_job_with_its_two_placeholders_filled()
    {
        var chart = await Helm.FullAsync();
        var kafka = (YamlMappingNode)FullValues()["kafka"];
        var flinkKafka = Scalar((YamlMappingNode)FullValues()["flink"], "kafkaBootstrapServers");

        var sql = (string)chart.Get("ConfigMap", "genie-flink-sql")["data"]!["genie-stats.sql"]!;

        var source = File.ReadAllText(SqlFile);
        source.ShouldContain("${KAFKA_BOOTSTRAP_SERVERS}");
        source.ShouldContain("${SCHEMA_REGISTRY_URL}");
        // flink.kafkaBootstrapServers wins over Genie's own Kafka; the Schema Registry is Genie's.
        flinkKafka.ShouldNotBe(Scalar(kafka, "bootstrapServers"));
        sql.ShouldBe(source
            .Replace("${KAFKA_BOOTSTRAP_SERVERS}", flinkKafka, StringComparison.Ordinal)
            .Replace("${SCHEMA_REGISTRY_URL}", Scalar(kafka, "schemaRegistryUrl"), StringComparison.Ordinal)
            .TrimEnd('\n'));
        // The job reads the script where the ConfigMap is mounted.
        var flink = chart.OfKind("FlinkDeployment").Single();
        var mount = flink["spec"]!["podTemplate"]!["spec"]!["containers"]![0]!["volumeMounts"]![0]!;
        flink["spec"]!["job"]!["args"]![0]!.ToString().ShouldBe($"{mount["mountPath"]}/genie-stats.sql");
    }

    [Fact]
    public async Task Each_dashboard_is_a_configmap_the_grafana_sidecar_picks_up()
    {
        var chart = await Helm.TemplateAsync(sets: ["grafanaDashboards.label=grafana_dash", "grafanaDashboards.labelValue=yes"]);
        var files = Directory.GetFiles(Path.Combine(Helm.ChartDir, "dashboards"), "*.json");

        var configMaps = chart.OfKind("ConfigMap").Where(c => c["metadata"]!["labels"]!["grafana_dash"] is not null).ToList();

        files.Length.ShouldBe(4);
        configMaps.Count.ShouldBe(files.Length);
        foreach (var file in files)
        {
            var configMap = configMaps.Single(c => c["data"]![Path.GetFileName(file)] is not null);
            configMap["metadata"]!["labels"]!["grafana_dash"]!.ToString().ShouldBe("yes");
            ((string)configMap["data"]![Path.GetFileName(file)]!).ShouldBe(File.ReadAllText(file).TrimEnd('\n'));
        }
    }

    [Fact]
    public async Task The_packaged_chart_holds_the_linked_files_contents()
    {
        var output = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "chart-package", Guid.NewGuid().ToString("N"))).FullName;

        var package = await Helm.RunAsync("package", Helm.ChartDir, "--destination", output);

        package.ExitCode.ShouldBe(0, package.Describe());
        var packed = new Dictionary<string, string>();
        await using (var archive = new GZipStream(File.OpenRead(Directory.GetFiles(output, "genie-*.tgz").Single()), CompressionMode.Decompress))
        await using (var tar = new TarReader(archive))
        {
            while (await tar.GetNextEntryAsync() is { } entry)
            {
                if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile && entry.DataStream is { } data)
                {
                    packed[entry.Name] = await new StreamReader(data).ReadToEndAsync();
                }
            }
        }

        packed["genie/files/genie-stats.sql"].ShouldBe(await File.ReadAllTextAsync(SqlFile));
        foreach (var file in Directory.GetFiles(ConnectDir, "*.json"))
        {
            packed[$"genie/files/connect/{Path.GetFileName(file)}"].ShouldBe(await File.ReadAllTextAsync(file));
        }
    }

    private static IEnumerable<JsonObject> ConnectorFiles() =>
        Directory.GetFiles(ConnectDir, "*.json").Order().Select(f => JsonNode.Parse(File.ReadAllText(f))!.AsObject());

    private static Dictionary<string, string> AsStrings(JsonObject config) =>
        config.ToDictionary(p => p.Key, p => p.Value!.ToString());

    private static YamlMappingNode FullValues()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Helm.FullValues)));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static string Scalar(YamlMappingNode node, params string[] path) =>
        ((YamlScalarNode)path.Aggregate((YamlNode)node, (n, key) => ((YamlMappingNode)n)[key])).Value!;
}
