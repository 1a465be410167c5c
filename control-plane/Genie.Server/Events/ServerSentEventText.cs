using System.Buffers;
using System.Text;
using System.Text.Json;
using Genie.Server.Store;

namespace Genie.Server.Events;

/// <summary>
/// The event stream's wire format (text/event-stream): `id:` the event id, `event:` its type, and one `data:` line of
/// JSON with the envelope (type, aggregate, occurredAt, actor, schemaVersion) and the payload as the outbox holds it.
/// </summary>
public static class ServerSentEventText
{
    /// <summary>The first lines of every stream: the client's reconnection delay, and a comment that says it is open.</summary>
    public const string Opening = "retry: 1000\n: open\n\n";

    public const string Heartbeat = ": heartbeat\n\n";

    /// <summary>The last lines to a client that fell behind: reconnect with Last-Event-ID to read on from the table.</summary>
    public static string Overflow(long? lastId) =>
        $"event: overflow\ndata: {{\"reason\":\"the client did not keep up; reconnect with Last-Event-ID\",\"lastEventId\":{(lastId is { } id ? id.ToString(System.Globalization.CultureInfo.InvariantCulture) : "null")}}}\n\n";

    public static void Write(IBufferWriter<byte> output, StoredEvent e)
    {
        Ascii(output, $"id: {e.Id}\nevent: {e.Type}\ndata: ");
        using (var json = new Utf8JsonWriter(output))
        {
            json.WriteStartObject();
            json.WriteNumber("id", e.Id);
            json.WriteString("type", e.Type);
            json.WriteStartObject("aggregate");
            json.WriteString("type", e.AggregateType);
            json.WriteString("id", e.AggregateId);
            json.WriteEndObject();
            json.WriteString("occurredAt", e.OccurredAt);
            json.WriteString("actor", e.Actor);
            json.WriteNumber("schemaVersion", e.SchemaVersion);
            json.WritePropertyName("payload");
            // jsonb's text form is one line (a newline inside a string is escaped), as a data line needs.
            json.WriteRawValue(e.Payload, skipInputValidation: true);
            json.WriteEndObject();
        }

        Ascii(output, "\n\n");
    }

    private static void Ascii(IBufferWriter<byte> output, string text) => Encoding.UTF8.GetBytes(text, output);
}
