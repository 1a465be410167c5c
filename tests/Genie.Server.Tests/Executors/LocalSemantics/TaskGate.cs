using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests.Executors.LocalSemantics;

/// <summary>
/// A file that blocked tasks wait for, so a test decides when they may finish instead of guessing with sleeps.
/// </summary>
public sealed class TaskGate : IDisposable
{
    private readonly string _dir = TestPostgres.NewScratchDir();

    public string Path => System.IO.Path.Combine(_dir, "open");

    /// <summary>Shell text that blocks until the gate is opened.</summary>
    public string WaitScript => $"while [ ! -e '{Path}' ]; do sleep 0.05; done";

    public void Open() => File.WriteAllText(Path, "");

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
