namespace Genie.Server.Housekeeping;

/// <summary>Runs a batch deletion until a batch comes back short, so a pass never holds long locks however much is due.</summary>
public static class BatchedDelete
{
    /// <summary>Calls <paramref name="deleteBatch"/> with <paramref name="batchSize"/> until it deletes fewer; the total deleted.</summary>
    public static async Task<int> RunAsync(
        Func<int, CancellationToken, Task<int>> deleteBatch, int batchSize, CancellationToken cancellationToken)
    {
        var total = 0;
        int deleted;
        do
        {
            deleted = await deleteBatch(batchSize, cancellationToken);
            total += deleted;
        }
        while (deleted == batchSize);

        return total;
    }
}
