namespace Genie.Server.Tests.Telemetry;

/// <summary>
/// Reads the spans out of an OTLP `ExportTraceServiceRequest` in the protobuf wire format, by the field numbers of
/// opentelemetry-proto (the generated types are not a package here): resource_spans = 1 → scope_spans = 2 → spans = 2;
/// a span's trace_id = 1, span_id = 2, parent_span_id = 4, name = 5, attributes = 9 (KeyValue: key = 1, value = 2 → AnyValue string_value = 1).
/// </summary>
public static class OtlpTraceDecoder
{
    public static IReadOnlyList<OtlpSpan> Spans(byte[] request) =>
        Fields(request).Where(f => f.Number == 1).SelectMany(resourceSpans =>
            Fields(resourceSpans.Bytes).Where(f => f.Number == 2).SelectMany(scopeSpans =>
                Fields(scopeSpans.Bytes).Where(f => f.Number == 2).Select(span => Span(span.Bytes)))).ToList();

    private static OtlpSpan Span(byte[] span)
    {
        var fields = Fields(span);
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var attribute in fields.Where(f => f.Number == 9))
        {
            var keyValue = Fields(attribute.Bytes);
            var key = keyValue.Single(f => f.Number == 1).Text;
            if (keyValue.SingleOrDefault(f => f.Number == 2) is { } value && Fields(value.Bytes).SingleOrDefault(f => f.Number == 1) is { } text)
            {
                attributes[key] = text.Text;
            }
        }

        return new OtlpSpan(
            Hex(fields, 1), Hex(fields, 2), Hex(fields, 4), fields.Single(f => f.Number == 5).Text, attributes);
    }

    private static string Hex(List<WireField> fields, int number) =>
        Convert.ToHexStringLower(fields.SingleOrDefault(f => f.Number == number)?.Bytes ?? []);

    /// <summary>The length-delimited fields of one message (varints and fixed-width fields are skipped over).</summary>
    private static List<WireField> Fields(byte[] message)
    {
        var fields = new List<WireField>();
        var position = 0;
        while (position < message.Length)
        {
            var tag = ReadVarint(message, ref position);
            var number = (int)(tag >> 3);
            switch ((int)(tag & 7))
            {
                case 0:
                    ReadVarint(message, ref position);
                    break;
                case 1:
                    position += 8;
                    break;
                case 2:
                    var length = (int)ReadVarint(message, ref position);
                    fields.Add(new WireField(number, message[position..(position + length)]));
                    position += length;
                    break;
                case 5:
                    position += 4;
                    break;
                default:
                    throw new FormatException($"wire type {tag & 7} at byte {position} is not one OTLP uses");
            }
        }

        return fields;
    }

    private static ulong ReadVarint(byte[] message, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = message[position++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }

    private sealed record WireField(int Number, byte[] Bytes)
    {
        public string Text => System.Text.Encoding.UTF8.GetString(Bytes);
    }
}
