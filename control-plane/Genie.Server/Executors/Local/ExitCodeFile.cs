using System.Globalization;

namespace Genie.Server.Executors.Local;

/// <summary>The file the task wrapper writes the program's exit code to, read when recovering after a crash.</summary>
public static class ExitCodeFile
{
    /// <summary>The exit code, or null when the file is missing or does not hold a number (the program has not ended yet, was never started, or its wrapper is writing the code this very moment).</summary>
    public static int? TryRead(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            return int.TryParse(File.ReadAllText(path).Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code)
                ? code
                : null;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}
