using System.Buffers.Binary;
using Avro.Generic;
using Avro.IO;

namespace Genie.Server.Tests.Kafka;

/// <summary>
/// Takes a Kafka value in Confluent's wire format apart by hand (magic byte 0, the big-endian schema id, the Avro body)
/// and decodes the body with Apache.Avro against the schema the registry holds under that id.
/// </summary>
public static class ConfluentAvroValue
{
    public static (int SchemaId, GenericRecord Record) Decode(ReadOnlySpan<byte> value, SchemaRegistryFake registry)
    {
        value[0].ShouldBe((byte)0, "Confluent's magic byte");
        var schemaId = BinaryPrimitives.ReadInt32BigEndian(value[1..5]);
        var schema = registry.SchemaOf(schemaId);
        var record = new GenericDatumReader<GenericRecord>(schema, schema).Read(null!, new BinaryDecoder(new MemoryStream(value[5..].ToArray())));
        return (schemaId, record);
    }
}
