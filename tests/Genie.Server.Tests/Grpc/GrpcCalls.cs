using Genie.Server.Tests.Infrastructure;
using Grpc.Core;
using Grpc.Net.Client;

namespace Genie.Server.Tests.Grpc;

/// <summary>A genie.v1 client on one channel, and the metadata that presents a key (the test admin key by default).</summary>
public sealed class GrpcCalls(GrpcChannel channel) : IDisposable
{
    public global::Genie.Server.Grpc.V1.Genie.GenieClient Client { get; } = new(channel);

    public static Metadata As(string? key) => key is null ? [] : new Metadata { { "authorization", "Bearer " + key } };

    /// <summary>A channel to the in-memory test server.</summary>
    public static GrpcCalls For(GenieApp app) =>
        new(GrpcChannel.ForAddress(app.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = app.Server.CreateHandler() }));

    public void Dispose() => channel.Dispose();
}
