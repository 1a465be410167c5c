using System.Diagnostics.Metrics;
using Genie.Client.Contracts;
using Genie.Server.Health;
using Genie.Server.Store;
using Genie.Server.Telemetry;
using Microsoft.Extensions.Options;

namespace Genie.Server.Kafka;

/// <summary>
/// How the relay fares, for `/metrics` (`genie_kafka_relay_backlog`: committed events not yet published, sampled by
/// every replica) and `/readyz` (degraded, never failing: the API works without Kafka, and the backlog waits in the
/// outbox). The last publishing error is this replica's own; a standby replica sees the backlog's age instead.
/// </summary>
public sealed class KafkaRelayStatus : IReadinessDetail
{
    private readonly KafkaOptions _options;
    private readonly TimeProvider _time;
    private volatile RelayBacklog _backlog = RelayBacklog.None;
    private volatile string? _lastError;

    public KafkaRelayStatus(IMeterFactory meters, IOptions<KafkaOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        meters.Create(GenieInstruments.MeterName).CreateObservableGauge(
            "genie.kafka.relay.backlog", () => _backlog.Count, "{event}", "Committed outbox events the Kafka relay has not published yet, sampled");
    }

    public RelayBacklog Backlog => _backlog;

    public void Sampled(RelayBacklog backlog) => _backlog = backlog;

    public void Published() => _lastError = null;

    public void Failed(string error) => _lastError = error;

    public HealthDetail Describe()
    {
        var backlog = _backlog;
        var age = backlog.OldestOccurredAt is { } oldest ? _time.GetUtcNow() - oldest : TimeSpan.Zero;
        var lastError = _lastError;
        var degraded = lastError is not null || age > _options.DegradedAfter;
        var message = $"{backlog.Count} event(s) to publish" +
            (backlog.OldestOccurredAt is null ? "" : $", the oldest {age.TotalSeconds:0} s old") +
            (lastError is null ? "" : $"; last error: {lastError}");
        return new HealthDetail("kafka-relay", degraded ? HealthDetail.Degraded : HealthDetail.Ok, message);
    }
}
