using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Genie.Server.Tests.Kafka;

/// <summary>
/// Debian's kcat as an independent consumer: it reads a topic from the beginning to its end and prints each message
/// in a framing of our own (partition, offset, key, headers as text, then the value length-prefixed); the value is
/// then decoded by <see cref="ConfluentAvroValue"/>. Tests fail, not skip, without kcat.
/// </summary>
public static class KcatConsumer
{
    private const string Format = @"%p\t%o\t%k\t%h\t%R%s";

    /// <summary>The topics the cluster has (kcat -L).</summary>
    public static async Task<IReadOnlyList<string>> TopicsAsync(string bootstrapServers)
    {
        using var metadata = JsonDocument.Parse(await RunAsync("-L", "-J", "-b", bootstrapServers));
        return [.. metadata.RootElement.GetProperty("topics").EnumerateArray().Select(t => t.GetProperty("topic").GetString()!)];
    }

    public static async Task<IReadOnlyList<ConsumedEvent>> ReadAllAsync(string bootstrapServers, string topic, SchemaRegistryFake registry) =>
        Parse(topic, await RunAsync("-C", "-b", bootstrapServers, "-t", topic, "-o", "beginning", "-e", "-q", "-f", Format), registry);

    private static async Task<byte[]> RunAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo("kcat")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("kcat did not start");
        var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await copy;
        process.ExitCode.ShouldBe(0, $"kcat failed: {await errors}");
        return output.ToArray();
    }

    private static List<ConsumedEvent> Parse(string topic, byte[] bytes, SchemaRegistryFake registry)
    {
        var events = new List<ConsumedEvent>();
        var at = 0;
        while (at < bytes.Length)
        {
            var fields = new string[4];
            for (var i = 0; i < fields.Length; i++)
            {
                var tab = Array.IndexOf(bytes, (byte)'\t', at);
                fields[i] = Encoding.UTF8.GetString(bytes, at, tab - at);
                at = tab + 1;
            }

            var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(at, 4));
            var value = bytes.AsSpan(at + 4, length);
            at += 4 + length;
            var (schemaId, record) = ConfluentAvroValue.Decode(value, registry);
            var headers = fields[3].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(h => h.Split('=', 2)).ToDictionary(h => h[0], h => h[1]);
            events.Add(new ConsumedEvent(topic, int.Parse(fields[0]), long.Parse(fields[1]), fields[2], headers, schemaId, record));
        }

        return events;
    }
}
