using Genie.Client.Contracts;

namespace Genie.Cli;

/// <summary>Reads a paged listing to its end, following `nextCursor`.</summary>
public static class Pages
{
    public const int Size = 500;

    public static async Task<IReadOnlyList<T>> AllAsync<T>(Func<string?, Task<Page<T>>> read)
    {
        var items = new List<T>();
        string? cursor = null;
        do
        {
            var page = await read(cursor);
            items.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return items;
    }
}
