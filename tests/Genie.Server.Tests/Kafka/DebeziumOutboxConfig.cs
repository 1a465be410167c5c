using System.Text.Json;
using System.Text.RegularExpressions;
using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests.Kafka;

/// <summary>
/// flink-jobs/connect/debezium-outbox.json, read the way the Debezium PostgreSQL connector and its outbox event router
/// use it (Debezium 3.2's documented semantics): which slot, publication and table it reads, and what Kafka message
/// the router makes of an inserted row. The CDC tests take every name from here, so the config and Genie cannot drift.
/// </summary>
public sealed class DebeziumOutboxConfig
{
    private const string Router = "transforms.outbox.";
    private readonly IReadOnlyDictionary<string, string> _config;

    private DebeziumOutboxConfig(IReadOnlyDictionary<string, string> config) => _config = config;

    public static DebeziumOutboxConfig Load()
    {
        using var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryFiles.Root, "flink-jobs", "connect", "debezium-outbox.json")));
        return new DebeziumOutboxConfig(file.RootElement.GetProperty("config").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!));
    }

    public string this[string key] => _config[key];

    public string SlotName => _config["slot.name"];

    public string PublicationName => _config["publication.name"];

    /// <summary>The one table the connector captures, `schema.table`.</summary>
    public string Table
    {
        get
        {
            var table = _config["table.include.list"];
            table.ShouldNotContain(",");
            return table;
        }
    }

    /// <summary>
    /// The message the router makes of one inserted row (column name → value): the topic from `route.by.field` through
    /// `route.topic.regex` and `route.topic.replacement`, the key from `table.field.event.key`, the value from
    /// `table.field.event.payload` (bytes passed through unchanged by BinaryDataConverter), an `id` header from
    /// `table.field.event.id`, and the `column:header:alias` headers of `table.fields.additional.placement`.
    /// </summary>
    public RoutedMessage Route(IReadOnlyDictionary<string, object> row)
    {
        _config["value.converter"].ShouldBe("io.debezium.converters.BinaryDataConverter", "the value passes through as the column's bytes");
        _config["key.converter"].ShouldBe("org.apache.kafka.connect.storage.StringConverter");
        _config["transforms"].ShouldBe("outbox", "no other transform renames topics or changes values");

        var routedBy = Text(row[_config[Router + "route.by.field"]]);
        var regex = new Regex("^(?:" + _config.GetValueOrDefault(Router + "route.topic.regex", "(?<routedByValue>.*)") + ")$");
        var match = regex.Match(routedBy);
        match.Success.ShouldBeTrue($"route.topic.regex matches `{routedBy}` (else the router leaves the record's topic as it is)");
        var topic = match.Result(_config[Router + "route.topic.replacement"]);

        var headers = new Dictionary<string, string> { ["id"] = Text(row[_config[Router + "table.field.event.id"]]) };
        foreach (var placement in _config[Router + "table.fields.additional.placement"].Split(','))
        {
            var parts = placement.Split(':');
            parts[1].ShouldBe("header");
            headers[parts.Length > 2 ? parts[2] : parts[0]] = Text(row[parts[0]]);
        }

        return new RoutedMessage(topic, Text(row[_config[Router + "table.field.event.key"]]), headers, (byte[])row[_config[Router + "table.field.event.payload"]]);
    }

    private static string Text(object value) => value switch
    {
        Guid id => id.ToString(),
        string text => text,
        _ => throw new InvalidOperationException($"A {value.GetType().Name} where the router expects text"),
    };
}

/// <summary>A Kafka message as the outbox event router would produce it.</summary>
public sealed record RoutedMessage(string Topic, string Key, IReadOnlyDictionary<string, string> Headers, byte[] Value);
