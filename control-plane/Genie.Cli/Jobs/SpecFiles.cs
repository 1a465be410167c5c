namespace Genie.Cli.Jobs;

/// <summary>The spec files `-f` names: the file itself, or every `.yaml`, `.yml` and `.json` under a directory (recursively, in path order).</summary>
public static class SpecFiles
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    public static async Task<IReadOnlyList<SpecFile>> ReadAsync(string path, string? nameFlag, string defaultNamespace, CancellationToken cancellationToken)
    {
        var paths = Find(path);
        if (nameFlag is not null && paths.Count != 1)
        {
            throw new UsageException("--name applies to a single file; files of a directory name themselves (metadata.name).");
        }

        var files = new List<SpecFile>();
        foreach (var file in paths)
        {
            files.Add(await SpecFile.ReadAsync(file, nameFlag, defaultNamespace, cancellationToken));
        }

        var twice = files.GroupBy(f => f.Key).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            throw new UsageException($"Job {twice.Key} is defined twice: {string.Join(", ", twice.Select(f => f.Path))}.");
        }

        return files;
    }

    private static IReadOnlyList<string> Find(string path)
    {
        if (File.Exists(path))
        {
            return [path];
        }

        if (!Directory.Exists(path))
        {
            throw new UsageException($"{path}: no such file or directory.");
        }

        return Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
            .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
