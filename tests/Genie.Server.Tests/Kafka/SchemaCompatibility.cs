using Avro.Generic;
using Avro.IO;

namespace Genie.Server.Tests.Kafka;

/// <summary>
/// Backward compatibility by Apache.Avro's resolution rules: a reader on the new schema decodes what a writer on the old
/// one wrote. Checked twice: the library's own <see cref="Avro.Schema.CanRead"/>, and by decoding a datum that fills
/// every field of the old schema with the new one.
/// </summary>
public static class SchemaCompatibility
{
    /// <summary>Why <paramref name="reader"/> cannot read <paramref name="writer"/>'s data; null when it can.</summary>
    public static string? Problem(Avro.RecordSchema writer, Avro.RecordSchema reader)
    {
        if (!reader.CanRead(writer))
        {
            return "Avro.Schema.CanRead says no";
        }

        try
        {
            var stream = new MemoryStream();
            new GenericDatumWriter<GenericRecord>(writer).Write(Sample(writer), new BinaryEncoder(stream));
            stream.Position = 0;
            new GenericDatumReader<GenericRecord>(writer, reader).Read(null!, new BinaryDecoder(stream));
            return null;
        }
        catch (Avro.AvroException e)
        {
            return e.Message;
        }
    }

    /// <summary>A record with a value in every field (the non-null branch of unions), as a writer would send.</summary>
    public static GenericRecord Sample(Avro.RecordSchema schema)
    {
        var record = new GenericRecord(schema);
        foreach (var field in schema.Fields)
        {
            record.Add(field.Name, SampleOf(field.Schema));
        }

        return record;
    }

    private static object SampleOf(Avro.Schema schema) => schema switch
    {
        Avro.UnionSchema union => SampleOf(union.Schemas.First(s => s.Tag != Avro.Schema.Type.Null)),
        Avro.LogicalSchema { LogicalTypeName: "uuid" } => Guid.Parse("0199a0c2-3e1f-7000-8000-000000000001"),
        Avro.LogicalSchema { LogicalTypeName: "timestamp-millis" } => new DateTime(2026, 11, 22, 6, 0, 0, DateTimeKind.Utc),
        Avro.PrimitiveSchema { Tag: Avro.Schema.Type.String } => "text",
        Avro.PrimitiveSchema { Tag: Avro.Schema.Type.Int } => 7,
        Avro.PrimitiveSchema { Tag: Avro.Schema.Type.Long } => 7L,
        Avro.PrimitiveSchema { Tag: Avro.Schema.Type.Boolean } => true,
        Avro.PrimitiveSchema { Tag: Avro.Schema.Type.Double } => 0.5,
        Avro.RecordSchema record => Sample(record),
        _ => throw new NotSupportedException($"No sample for Avro type {schema}"),
    };
}
