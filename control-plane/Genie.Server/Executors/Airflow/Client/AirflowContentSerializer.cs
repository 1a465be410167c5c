using System.Net.Http.Headers;
using System.Reflection;
using System.Text.Json;
using Refit;

namespace Genie.Server.Executors.Airflow.Client;

/// <summary>
/// JSON as Airflow's API speaks it: snake_case names as in the OpenAPI spec, unknown response fields ignored (newer
/// servers add fields), nulls written (the trigger body needs an explicit `logical_date: null`). Bodies go out with the
/// bare `application/json` media type, because the token endpoint declares its Content-Type as an enum of bare media
/// types and Refit's own serializer appends `; charset=utf-8`.
/// </summary>
internal sealed class AirflowContentSerializer : IHttpContentSerializer
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    private readonly SystemTextJsonContentSerializer _reader = new(Options);

    public HttpContent ToHttpContent<T>(T item)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(item, Options));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    public Task<T?> FromHttpContentAsync<T>(HttpContent content, CancellationToken cancellationToken = default) =>
        _reader.FromHttpContentAsync<T>(content, cancellationToken);

    public string? GetFieldNameForProperty(PropertyInfo propertyInfo) => _reader.GetFieldNameForProperty(propertyInfo);
}
