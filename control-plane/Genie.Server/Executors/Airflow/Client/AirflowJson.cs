using System.Net.Http.Headers;
using System.Text.Json;

namespace Genie.Server.Executors.Airflow.Client;

/// <summary>
/// Serializer settings for Airflow's API: snake_case names as in the OpenAPI spec, unknown response fields ignored
/// (newer servers add fields), nulls written (the trigger body needs an explicit `logical_date: null`).
/// </summary>
internal static class AirflowJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static byte[] Serialize(object body) => JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), Options);

    /// <summary>
    /// A body with the bare `application/json` media type: the token endpoint declares its Content-Type as an enum of
    /// bare media types, so a `; charset=utf-8` suffix is best not sent anywhere (JSON is UTF-8 anyway).
    /// </summary>
    public static ByteArrayContent Content(byte[] utf8Json)
    {
        var content = new ByteArrayContent(utf8Json);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}
