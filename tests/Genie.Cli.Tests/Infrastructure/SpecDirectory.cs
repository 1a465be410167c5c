namespace Genie.Cli.Tests.Infrastructure;

/// <summary>A temporary directory of spec files, as a team's GitOps repository would hold them.</summary>
public sealed class SpecDirectory : IDisposable
{
    public SpecDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "genie-cli-specs-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>Writes a small local job (one task that echoes <paramref name="message"/>) at <paramref name="relativePath"/>.</summary>
    public string WriteJob(string relativePath, string ns, string name, string message = "hello", string command = "echo") =>
        WriteLocalJob(relativePath, ns, name, $"""
            tasks:
              - name: main
                command: [{command}, "{message}"]
            """);

    /// <summary>Writes a job of the local executor whose spec (below `executor: local`) is <paramref name="spec"/>.</summary>
    public string WriteLocalJob(string relativePath, string ns, string name, string spec) =>
        Write(relativePath, $$"""
            apiVersion: genie.dev/v1
            kind: Job
            metadata: {name: {{name}}, namespace: {{ns}}}
            spec:
              executor: local

            """ + string.Join('\n', spec.Split('\n').Select(line => "  " + line)) + "\n");

    public string Write(string relativePath, string text)
    {
        var file = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
        return file;
    }

    public void Delete(string relativePath) => File.Delete(System.IO.Path.Combine(Path, relativePath));

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
