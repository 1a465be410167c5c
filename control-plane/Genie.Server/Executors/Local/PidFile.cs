using System.Globalization;

namespace Genie.Server.Executors.Local;

/// <summary>
/// The file the task wrapper writes its own pid (the task's process group) to before it starts the program, beside
/// the exit code file. The wrapper runs on in its own session whatever happens to Genie, so the pid reaches disk even
/// when Genie dies right after the fork, before it could record the pid in the database.
/// </summary>
public static class PidFile
{
    public static string PathFor(string exitCodePath) => Path.ChangeExtension(exitCodePath, ".pid");

    /// <summary>The pid, or null when the file is missing or not (yet) a number.</summary>
    public static int? TryRead(string path)
    {
        try
        {
            return int.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 0
                ? pid
                : null;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}
