namespace Genie.Cli.Jobs;

/// <summary>
/// The default `--source` of `apply`/`plan`: `dir:` and the directory's path relative to the root of its git checkout
/// (`dir:jobs/team-a`), so every clone and CI runner names it alike; outside a checkout, `dir:` and the directory's name.
/// </summary>
public static class SourceName
{
    public static string For(string path)
    {
        var full = Path.GetFullPath(path);
        var dir = Directory.Exists(full) ? full : Path.GetDirectoryName(full)!;
        var root = GitRoot(dir);
        var name = root is null || root == dir ? Path.GetFileName(dir.TrimEnd(Path.DirectorySeparatorChar)) : Path.GetRelativePath(root, dir);
        var cleaned = new string(name.Replace(Path.DirectorySeparatorChar, '/')
            .Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' ? c : '-').ToArray());
        return "dir:" + (cleaned.Length == 0 ? "root" : cleaned);
    }

    private static string? GitRoot(string dir)
    {
        for (var current = new DirectoryInfo(dir); current is not null; current = current.Parent)
        {
            if (Path.Exists(Path.Combine(current.FullName, ".git")))
            {
                return current.FullName;
            }
        }

        return null;
    }
}
