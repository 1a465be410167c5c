using Microsoft.Extensions.Configuration.Memory;

namespace Genie.Server;

/// <summary>
/// Settings Genie starts with when nothing else is configured. They sit beneath every other
/// configuration source, so appsettings, `Genie__...` environment variables and `--key=value` arguments win.
/// </summary>
public static class ServerDefaults
{
    public const string Url = "http://127.0.0.1:8080";

    private static readonly Dictionary<string, string?> Values = new()
    {
        ["urls"] = Url,
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:Console:FormatterName"] = "json",
        // Work on a run opens a scope with its RunId, Job and Namespace (Runs/RunLogScope); each entry carries them.
        ["Logging:Console:FormatterOptions:IncludeScopes"] = "true",
        // Program.cs prints a failed start as one line; the host would log it again with a stack trace.
        [$"Logging:LogLevel:{StartupFailure.HostLogCategory}"] = "Critical",
    };

    public static void AddTo(IConfigurationManager configuration) =>
        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Values });
}
