using Npgsql.Replication;
using Npgsql.Replication.PgOutput;
using Npgsql.Replication.PgOutput.Messages;

namespace Genie.Server.Tests.Kafka;

/// <summary>
/// Reads a table's inserts from PostgreSQL's WAL as the Debezium PostgreSQL connector does: a `pgoutput` logical
/// replication slot over a publication, streamed on a replication connection. The slot is temporary: PostgreSQL drops
/// it when this reader is disposed, also when a test fails.
/// </summary>
public sealed class WalReader : IAsyncDisposable
{
    private readonly LogicalReplicationConnection _connection;
    private readonly PgOutputReplicationSlot _slot;
    private readonly string _publication;

    private WalReader(LogicalReplicationConnection connection, PgOutputReplicationSlot slot, string publication)
    {
        _connection = connection;
        _slot = slot;
        _publication = publication;
    }

    /// <summary>Creates slot <paramref name="slot"/>: from now on the WAL is kept for it.</summary>
    public static async Task<WalReader> CreateSlotAsync(string connectionString, string slot, string publication)
    {
        var connection = new LogicalReplicationConnection(connectionString);
        await connection.Open();
        var created = await connection.CreatePgOutputReplicationSlot(slot, temporarySlot: true, slotSnapshotInitMode: LogicalSlotSnapshotInitMode.NoExport);
        return new WalReader(connection, created, publication);
    }

    /// <summary>
    /// The first <paramref name="count"/> rows inserted into <paramref name="table"/> since the slot was created, in WAL
    /// order, as column name → value (uuid as <see cref="Guid"/>, text as string, bytea as bytes); deletes are counted.
    /// </summary>
    public async Task<(IReadOnlyList<IReadOnlyDictionary<string, object>> Inserts, int Deletes)> ReadInsertsAsync(string table, int count, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var inserts = new List<IReadOnlyDictionary<string, object>>();
        var deletes = 0;
        var options = new PgOutputReplicationOptions(_publication, PgOutputProtocolVersion.V1, binary: true);
        try
        {
            await foreach (var message in _connection.StartReplication(_slot, options, deadline.Token))
            {
                if (message is InsertMessage insert && $"{insert.Relation.Namespace}.{insert.Relation.RelationName}" == table)
                {
                    var row = new Dictionary<string, object>();
                    var column = 0;
                    await foreach (var value in insert.NewRow)
                    {
                        var name = insert.Relation.Columns[column++].ColumnName;
                        row[name] = value.GetPostgresType().Name switch
                        {
                            "uuid" => await value.Get<Guid>(),
                            "bytea" => await value.Get<byte[]>(),
                            _ => await value.Get<string>(),
                        };
                    }

                    inserts.Add(row);
                }
                else if (message is KeyDeleteMessage or FullDeleteMessage)
                {
                    deletes++;
                }

                _connection.SetReplicationStatus(message.WalEnd);
                if (inserts.Count == count && message is CommitMessage)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"The WAL held {inserts.Count} of {count} insert(s) into {table} after {timeout}");
        }

        return (inserts, deletes);
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}
