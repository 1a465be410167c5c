using System.Reflection;
using System.Text.Json.Nodes;
using Genie.Core.Events;

namespace Genie.Server.Tests.Kafka;

/// <summary>
/// The Avro schema an event record implies, derived by reflection with the rules of flink-jobs/schemas/README.md: the
/// envelope first, then the record's parameters in order (camelCase), Guid → uuid string, DateTimeOffset →
/// timestamp-millis long, enums → string, nullable → a union with null first and a null default.
/// </summary>
public static class ExpectedEventSchema
{
    public static IReadOnlyList<Type> EventTypes { get; } = typeof(IGenieEvent).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IGenieEvent).IsAssignableFrom(t))
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .ToList();

    public static string TypeName(Type eventType) =>
        (string)eventType.GetProperty(nameof(IGenieEvent.Type), BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

    public static JsonObject Of(Type eventType)
    {
        var fields = new JsonArray
        {
            Field("eventId", Uuid()),
            Field("occurredAt", Timestamp()),
            Field("actor", "string"),
            Field("schemaVersion", "int"),
        };
        var nullability = new NullabilityInfoContext();
        var constructor = eventType.GetConstructors().Single();
        foreach (var parameter in constructor.GetParameters().Where(p => p.Name != nameof(IGenieEvent.Actor)))
        {
            var name = char.ToLowerInvariant(parameter.Name![0]) + parameter.Name[1..];
            var underlying = Nullable.GetUnderlyingType(parameter.ParameterType);
            var nullable = underlying is not null || nullability.Create(parameter).WriteState == NullabilityState.Nullable;
            var type = AvroType(underlying ?? parameter.ParameterType);
            fields.Add(nullable
                ? new JsonObject { ["name"] = name, ["type"] = new JsonArray("null", type), ["default"] = null }
                : Field(name, type));
        }

        return new JsonObject
        {
            ["type"] = "record",
            ["name"] = eventType.Name,
            ["namespace"] = "genie.events",
            ["fields"] = fields,
        };
    }

    private static JsonNode AvroType(Type type) => type switch
    {
        _ when type == typeof(Guid) => Uuid(),
        _ when type == typeof(DateTimeOffset) => Timestamp(),
        _ when type == typeof(string) || type.IsEnum => "string",
        _ when type == typeof(int) => "int",
        _ => throw new NotSupportedException($"No Avro mapping for {type}: extend flink-jobs/schemas/README.md and this test first"),
    };

    private static JsonObject Field(string name, JsonNode type) => new() { ["name"] = name, ["type"] = type };

    private static JsonObject Uuid() => new() { ["type"] = "string", ["logicalType"] = "uuid" };

    private static JsonObject Timestamp() => new() { ["type"] = "long", ["logicalType"] = "timestamp-millis" };
}
