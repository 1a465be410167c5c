using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Genie.Server.Tests.Kafka;

/// <summary>
/// The part of Confluent's Schema Registry API the Avro serializer uses, on 127.0.0.1: register a schema under a
/// subject (the same schema text keeps its id), fetch a schema by id. Everything else, `/associations` included,
/// answers 404 as a registry without that feature does.
/// </summary>
public sealed class SchemaRegistryFake : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _ids = new();
    private readonly ConcurrentDictionary<int, string> _schemas = new();
    private readonly ConcurrentDictionary<string, byte> _subjects = new();

    private SchemaRegistryFake(WebApplication app) => _app = app;

    public string Url => _app.Urls.Single();

    /// <summary>The subjects schemas were registered under.</summary>
    public IReadOnlyCollection<string> Subjects => [.. _subjects.Keys.Order(StringComparer.Ordinal)];

    public Avro.RecordSchema SchemaOf(int id) => (Avro.RecordSchema)Avro.Schema.Parse(_schemas[id]);

    public static async Task<SchemaRegistryFake> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new SchemaRegistryFake(app);
        app.MapPost("/subjects/{subject}/versions", async (string subject, HttpRequest request) =>
        {
            var body = (await JsonNode.ParseAsync(request.Body))!;
            return Results.Json(new { id = fake.Register(subject, body["schema"]!.GetValue<string>()) });
        });
        app.MapGet("/schemas/ids/{id:int}", (int id) =>
            fake._schemas.TryGetValue(id, out var schema) ? Results.Json(new { schema }) : Results.NotFound());
        await app.StartAsync();
        return fake;
    }

    private int Register(string subject, string schema)
    {
        _subjects[subject] = 0;
        lock (_ids)
        {
            var id = _ids.GetOrAdd(schema, _ => _ids.Count + 1);
            _schemas[id] = schema;
            return id;
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
