namespace Genie.Server.Executors.Local;

/// <summary>
/// The environment a task starts with. Nothing is inherited wholesale from the server, whose own
/// environment may hold database passwords and API keys.
/// </summary>
internal static class TaskEnvironment
{
    public const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private static readonly string[] PassedThroughWhenSet = ["LANG", "LC_ALL", "TMPDIR"];

    public static Dictionary<string, string> For(ProcessLaunch launch)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = NonEmpty(Environment.GetEnvironmentVariable("PATH")) ?? DefaultPath,
            // Many programs misbehave without HOME; the working directory is a harmless stand-in.
            ["HOME"] = NonEmpty(Environment.GetEnvironmentVariable("HOME")) ?? launch.WorkingDirectory,
        };
        foreach (var name in PassedThroughWhenSet)
        {
            if (NonEmpty(Environment.GetEnvironmentVariable(name)) is { } value)
            {
                result[name] = value;
            }
        }

        foreach (var (name, value) in launch.Environment)
        {
            result[name] = value;
        }

        return result;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
