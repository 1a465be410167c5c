using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests.Kafka;

/// <summary>The committed schemas: `flink-jobs/schemas/{type}.avsc` and every earlier version in `history/{type}/{n}.avsc`.</summary>
public static class EventSchemaFiles
{
    public static string Folder { get; } = Path.Combine(RepositoryFiles.Root, "flink-jobs", "schemas");

    public static string Current(string eventType) => Path.Combine(Folder, eventType + ".avsc");

    /// <summary>The versions of <paramref name="eventType"/>'s schema, oldest first, by their number.</summary>
    public static IReadOnlyList<(int Version, string Path)> History(string eventType)
    {
        var folder = Path.Combine(Folder, "history", eventType);
        return Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.avsc")
                .Select(path => (Version: int.Parse(System.IO.Path.GetFileNameWithoutExtension(path), System.Globalization.CultureInfo.InvariantCulture), Path: path))
                .OrderBy(v => v.Version)
                .ToList()
            : [];
    }
}
