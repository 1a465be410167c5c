using Genie.Core.Specs;

namespace Genie.Server;

/// <summary>Server-wide settings (section `Genie`).</summary>
public sealed class GenieOptions
{
    public const string Section = "Genie";

    /// <summary>Root of Genie's local state: the embedded cluster, run working dirs and task logs. Relative to the working directory.</summary>
    public string DataDir { get; set; } = ".genie";

    /// <summary>The executor of jobs whose spec does not name one.</summary>
    public ExecutorKind DefaultExecutor { get; set; } = ExecutorKind.Local;

    /// <summary>The data dir as an absolute path.</summary>
    public string DataDirFullPath => Path.GetFullPath(DataDir);
}
