using System.Text.Json.Nodes;
using Genie.Server.Kafka;

namespace Genie.Server.Tests.Kafka;

/// <summary>
/// The Avro contracts in flink-jobs/schemas: one per event record, equal to what the record implies, each a
/// backward-compatible successor of every earlier version kept in history/.
/// </summary>
public sealed class EventSchemaTests
{
    public static TheoryData<string> EventTypeNames() => [.. ExpectedEventSchema.EventTypes.Select(ExpectedEventSchema.TypeName)];

    [Fact]
    public void There_is_one_schema_per_event_type_and_the_server_embeds_each()
    {
        var names = ExpectedEventSchema.EventTypes.Select(ExpectedEventSchema.TypeName).Order(StringComparer.Ordinal).ToList();
        Directory.GetFiles(EventSchemaFiles.Folder, "*.avsc").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ShouldBe(names);
        Directory.GetDirectories(Path.Combine(EventSchemaFiles.Folder, "history")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ShouldBe(names);
        EventSchemas.Types.Order(StringComparer.Ordinal).ShouldBe(names);
    }

    [Theory]
    [MemberData(nameof(EventTypeNames))]
    public void The_schema_file_is_what_the_record_implies(string eventType)
    {
        var record = ExpectedEventSchema.EventTypes.Single(t => ExpectedEventSchema.TypeName(t) == eventType);
        var expected = ExpectedEventSchema.Of(record);
        var file = JsonNode.Parse(File.ReadAllText(EventSchemaFiles.Current(eventType)))!;

        // Field by field first, so a failure names the field.
        var expectedFields = expected["fields"]!.AsArray().Select(f => f!.ToJsonString()).ToList();
        var fileFields = file["fields"]!.AsArray().Select(f => f!.ToJsonString()).ToList();
        fileFields.ShouldBe(expectedFields, $"{EventSchemaFiles.Current(eventType)} against record {record.Name}");
        JsonNode.DeepEquals(file, expected).ShouldBeTrue($"{eventType}: record name, namespace or type differ from {expected}");
        EventSchemas.For(eventType).Fullname.ShouldBe("genie.events." + record.Name);
    }

    [Theory]
    [MemberData(nameof(EventTypeNames))]
    public void The_schema_reads_every_earlier_version_and_its_newest_history_entry_is_itself(string eventType)
    {
        var history = EventSchemaFiles.History(eventType);
        history.ShouldNotBeEmpty();
        history.Select(h => h.Version).ShouldBe(Enumerable.Range(1, history.Count), "history versions are numbered 1, 2, ... without gaps");
        var current = File.ReadAllText(EventSchemaFiles.Current(eventType));
        JsonNode.DeepEquals(JsonNode.Parse(File.ReadAllText(history[^1].Path)), JsonNode.Parse(current))
            .ShouldBeTrue($"a changed {eventType}.avsc is also added to history/{eventType}/ as version {history.Count + 1}");

        var reader = Parse(current);
        foreach (var (version, path) in history)
        {
            SchemaCompatibility.Problem(Parse(File.ReadAllText(path)), reader).ShouldBeNull($"{eventType} cannot read version {version}");
        }
    }

    [Fact]
    public void The_compatibility_check_refuses_what_Avro_resolution_refuses()
    {
        var current = JsonNode.Parse(File.ReadAllText(EventSchemaFiles.Current("run.created")))!.AsObject();
        var writer = Parse(current.ToJsonString());

        var withRequiredField = current.DeepClone().AsObject();
        withRequiredField["fields"]!.AsArray().Add(new JsonObject { ["name"] = "region", ["type"] = "string" });
        SchemaCompatibility.Problem(writer, Parse(withRequiredField.ToJsonString())).ShouldNotBeNull();

        var retyped = current.DeepClone().AsObject();
        retyped["fields"]![4]!["type"] = "int";
        SchemaCompatibility.Problem(writer, Parse(retyped.ToJsonString())).ShouldNotBeNull();

        var withOptionalField = current.DeepClone().AsObject();
        withOptionalField["fields"]!.AsArray().Add(new JsonObject { ["name"] = "region", ["type"] = new JsonArray("null", "string"), ["default"] = null });
        SchemaCompatibility.Problem(writer, Parse(withOptionalField.ToJsonString())).ShouldBeNull();
    }

    private static Avro.RecordSchema Parse(string json) => (Avro.RecordSchema)Avro.Schema.Parse(json);
}
