namespace Genie.Benchmarks.Harness;

/// <summary>Paths inside the repository the benchmarks run from, found by walking up to `Genie.sln`.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    /// <summary>The server built in the same configuration as the benchmarks.</summary>
    public static string ServerDll => Path.Combine(Root, "control-plane", "Genie.Server", "bin", Configuration, "net10.0", "Genie.Server.dll");

    public static string BenchmarksDir => Path.Combine(Root, "tests", "Genie.Benchmarks");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Genie.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Genie.sln was not found above " + AppContext.BaseDirectory);
    }
}
