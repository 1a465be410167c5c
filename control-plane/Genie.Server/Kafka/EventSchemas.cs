using System.Collections.Frozen;
using System.Reflection;

namespace Genie.Server.Kafka;

/// <summary>
/// The Avro schema of each event type, from `flink-jobs/schemas/{type}.avsc` (embedded at build): the contract the relay
/// writes and the Flink jobs read. Tests keep each file equal to its C# record.
/// </summary>
public static class EventSchemas
{
    private const string ResourcePrefix = "EventSchemas/";

    private static readonly FrozenDictionary<string, Avro.RecordSchema> ByType = Load();

    /// <summary>Every event type with a schema.</summary>
    public static IReadOnlyCollection<string> Types => ByType.Keys;

    public static Avro.RecordSchema For(string eventType) =>
        ByType.TryGetValue(eventType, out var schema) ? schema : throw new UnknownEventTypeException(eventType);

    private static FrozenDictionary<string, Avro.RecordSchema> Load()
    {
        var assembly = typeof(EventSchemas).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .ToFrozenDictionary(
                name => Path.GetFileNameWithoutExtension(name[ResourcePrefix.Length..]),
                name => (Avro.RecordSchema)Avro.Schema.Parse(Read(assembly, name)),
                StringComparer.Ordinal);
    }

    private static string Read(Assembly assembly, string name)
    {
        using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
        return reader.ReadToEnd();
    }
}
