using System.Text.Json;
using YamlDotNet.Serialization;

namespace Genie.Cli.Output;

/// <summary>Writes JSON values as YAML (for `-o yaml` and the diffs of `plan`), keys in their JSON order.</summary>
public static class YamlText
{
    private static readonly ISerializer Serializer = new SerializerBuilder().WithQuotingNecessaryStrings().Build();

    public static string From(JsonElement element) => Serializer.Serialize(Plain(element));

    private static object? Plain(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => Plain(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().Select(Plain).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var whole) ? whole : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
