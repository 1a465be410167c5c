using System.Text.Json;
using YamlDotNet.Serialization;

namespace Genie.Cli.Output;

/// <summary>Writes JSON values as YAML: for `-o yaml` keys in their JSON order, for the diffs of `plan` in name order.</summary>
public static class YamlText
{
    private static readonly ISerializer Serializer = new SerializerBuilder().WithQuotingNecessaryStrings().Build();

    public static string From(JsonElement element) => Serializer.Serialize(Plain(element, sortKeys: false));

    /// <summary>
    /// Keys sorted at every level: the stored definition (PostgreSQL's jsonb reorders keys) and a dry run's come in
    /// different orders, so only sorted texts diff to what really changed.
    /// </summary>
    public static string Sorted(JsonElement element) => Serializer.Serialize(Plain(element, sortKeys: true));

    private static object? Plain(JsonElement element, bool sortKeys) => element.ValueKind switch
    {
        JsonValueKind.Object => (sortKeys ? element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal) : element.EnumerateObject().AsEnumerable())
            .ToDictionary(p => p.Name, p => Plain(p.Value, sortKeys)),
        JsonValueKind.Array => element.EnumerateArray().Select(e => Plain(e, sortKeys)).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var whole) ? whole : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
