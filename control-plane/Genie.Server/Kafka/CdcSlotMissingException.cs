namespace Genie.Server.Kafka;

/// <summary>Cdc mode has nowhere safe to write yet: the Debezium connector's replication slot does not exist.</summary>
public sealed class CdcSlotMissingException(string slot)
    : InvalidOperationException(
        $"the replication slot `{slot}` does not exist in Genie's database; register the Debezium connector " +
        "(flink-jobs/connect/debezium-outbox.json) first, the events wait in the outbox until then");
