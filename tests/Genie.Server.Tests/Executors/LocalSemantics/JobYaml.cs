namespace Genie.Server.Tests.Executors.LocalSemantics;

/// <summary>
/// Job specs for the executor tests, written as YAML so each test shows the spec it exercises. Task lists and
/// spec settings are given unindented and placed under `spec`.
/// </summary>
public static class JobYaml
{
    public static string Of(string name, string tasks, string settings = "") =>
        $"""
        apiVersion: genie.dev/v1
        kind: Job
        metadata:
          name: {name}
        spec:
        {Indent(settings, 2)}
          tasks:
        {Indent(tasks, 4)}
        """;

    private static string Indent(string block, int spaces) =>
        string.Join('\n', block.Split('\n').Where(l => l.Trim().Length > 0).Select(l => new string(' ', spaces) + l));
}
