using System.Text.RegularExpressions;
using Genie.Server.Grpc.V1;
using Genie.Server.Tests.Infrastructure;
using Grpc.Core;
using Grpc.Net.Client;

namespace Genie.Server.Tests.Grpc;

/// <summary>The gRPC API of a real server process: its own HTTP/2 port (`Genie:Grpc:Url`) beside the REST one.</summary>
public sealed partial class GrpcServerProcessTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private readonly string _dataDir = TestPostgres.NewScratchDir();

    [Fact]
    public async Task A_real_server_applies_triggers_and_streams_a_run_over_its_grpc_port()
    {
        await using var server = await ServerProcess.StartAsync(_dataDir, Patience,
            new Dictionary<string, string> { ["Genie:Grpc:Url"] = "http://127.0.0.1:0" });
        var grpcAddress = ListeningLine().Matches(server.Output).Select(m => new Uri(m.Groups[1].Value)).Single(u => u != server.BaseAddress);
        using var channel = GrpcChannel.ForAddress(grpcAddress);
        var client = new global::Genie.Server.Grpc.V1.Genie.GenieClient(channel);
        var admin = GrpcCalls.As(TestCredentials.AdminKey);
        using var deadline = new CancellationTokenSource(Patience);

        var applied = await client.ApplyJobAsync(
            new ApplyJobRequest { Namespace = "default", Name = "hello", Spec = RepositoryFiles.ReadExample("hello.yaml") }, admin);
        var run = await client.TriggerRunAsync(new TriggerRunRequest { Namespace = "default", Job = "hello" }, admin);
        using var watch = client.WatchRun(new WatchRunRequest { Namespace = "default", Id = run.Id }, admin, cancellationToken: deadline.Token);
        var events = await watch.ResponseStream.ReadAllAsync(deadline.Token).ToListAsync(deadline.Token);
        var finished = await client.GetRunAsync(new GetRunRequest { Namespace = "default", Id = run.Id }, admin);
        var anonymous = await Should.ThrowAsync<RpcException>(() =>
            client.GetRunAsync(new GetRunRequest { Namespace = "default", Id = run.Id }).ResponseAsync);

        applied.Outcome.ShouldBe("created");
        events[^1].Type.ShouldBe("run.state_changed");
        finished.State.ShouldBe("succeeded");
        anonymous.StatusCode.ShouldBe(StatusCode.Unauthenticated);
        // The REST port still speaks HTTP/1.1 as before.
        (await server.CreateClient().GetRunAsync("default", run.Id)).State.ShouldBe("succeeded");
        await server.StopAsync(Patience);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => TestPostgres.DeleteScratchDirAsync(_dataDir);

    [GeneratedRegex(@"^Genie is listening on (http://\S+)", RegexOptions.Multiline)]
    private static partial Regex ListeningLine();
}
