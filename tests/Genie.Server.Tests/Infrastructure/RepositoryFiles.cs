namespace Genie.Server.Tests.Infrastructure;

/// <summary>Finds files of the repository (examples, the built server) from the test output folder.</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string Example(string fileName) => Path.Combine(Root, "examples", fileName);

    public static string ReadExample(string fileName) => File.ReadAllText(Example(fileName));

    /// <summary>The server assembly built alongside these tests (same configuration).</summary>
    public static string ServerDll => BuiltAssembly("control-plane/Genie.Server", "Genie.Server.dll");

    /// <summary>An assembly of the project in <paramref name="projectDir"/> built in the same configuration as these tests.</summary>
    public static string BuiltAssembly(string projectDir, string fileName)
    {
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        return Path.Combine(Root, projectDir, "bin", configuration, "net10.0", fileName);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Genie.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Genie.sln not found above " + AppContext.BaseDirectory);
    }
}
