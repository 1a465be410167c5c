namespace Genie.Server.Grpc;

/// <summary>`Genie:Grpc`: where the gRPC API listens (HTTP/2 without TLS, so a port of its own); unset, it does not.</summary>
public sealed class GrpcOptions
{
    public const string Section = "Genie:Grpc";

    /// <summary>An http:// URL such as http://127.0.0.1:8082 (`make run` sets that one).</summary>
    public string? Url { get; set; }
}
