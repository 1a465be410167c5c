namespace Genie.Server.Tests.Infrastructure;

/// <summary>Small valid specs for API tests; the parser's own tests cover the format in depth.</summary>
public static class TestSpecs
{
    public static string Yaml(string name, string? ns = null, string group = "etl", string team = "data", string message = "hello") => $"""
        apiVersion: genie.dev/v1
        kind: Job
        metadata:
          name: {name}
        {(ns is null ? "" : $"  namespace: {ns}\n")}  group: {group}
          labels:
            team: {team}
        spec:
          tasks:
            - name: greet
              command: [echo, "{message}"]
        """;

    /// <summary>The same job as <see cref="Yaml"/>, written as JSON with keys in another order.</summary>
    public static string Json(string name, string group = "etl", string team = "data", string message = "hello") => $$"""
        {
          "kind": "Job",
          "spec": { "tasks": [ { "command": ["echo", "{{message}}"], "name": "greet" } ] },
          "metadata": { "labels": { "team": "{{team}}" }, "group": "{{group}}", "name": "{{name}}" },
          "apiVersion": "genie.dev/v1"
        }
        """;
}
