using System.Text.Json.Nodes;

namespace Genie.Server.Tests.Executors.Airflow;

/// <summary>A request the fake Airflow received and what it answered; Path is decoded, RawTarget as sent.</summary>
public sealed record FakeAirflowRequest(string Method, string Path, string RawTarget, string Query, string Body, string? Authorization, int StatusCode)
{
    /// <summary>The body parsed as JSON, or null when there is none.</summary>
    public JsonObject? Json => string.IsNullOrEmpty(Body) ? null : JsonNode.Parse(Body) as JsonObject;

    public bool Is(string method, string path) => Method == method && Path == path;
}
