using System.Text.Json;

namespace Genie.Client;

/// <summary>The JSON conventions of the Genie API (camelCase, web defaults), shared by server and client.</summary>
public static class GenieJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Applies Genie's conventions to options owned by someone else (ASP.NET's HTTP JSON options).</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DictionaryKeyPolicy = null;
        options.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
