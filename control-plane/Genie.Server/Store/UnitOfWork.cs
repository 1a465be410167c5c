using Npgsql;

namespace Genie.Server.Store;

/// <summary>One transaction on one pooled connection: the work runs, then it commits; an exception rolls it back.</summary>
public sealed class UnitOfWork(NpgsqlDataSource dataSource)
{
    public async Task<T> InTransactionAsync<T>(Func<NpgsqlTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var result = await work(transaction);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    public ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) => dataSource.OpenConnectionAsync(cancellationToken);
}
