using Npgsql;

namespace Genie.Server.Kafka;

/// <summary>One way the relay hands an encoded batch on (see <see cref="KafkaRelayMode"/>).</summary>
public interface IEventDelivery
{
    /// <summary>
    /// Hands <paramref name="batch"/> on in order and moves the relay's position past it on <paramref name="connection"/>
    /// (the one holding the relay's lock). Throws when the batch could not go: the position stays and the batch is read again.
    /// </summary>
    Task DeliverAsync(NpgsqlConnection connection, IReadOnlyList<EncodedEvent> batch, CancellationToken cancellationToken);

    /// <summary>Where this delivery sends events, for the log line of the replica that starts relaying.</summary>
    string Destination { get; }
}
