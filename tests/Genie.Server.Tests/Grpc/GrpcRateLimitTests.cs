using Genie.Server.Grpc.V1;
using Genie.Server.Tests.Infrastructure;
using Grpc.Core;

namespace Genie.Server.Tests.Grpc;

/// <summary>gRPC calls count against the caller's rate limit as REST calls do, and are refused in gRPC's terms.</summary>
public sealed class GrpcRateLimitTests
{
    [Fact]
    public async Task A_caller_over_its_limit_gets_resource_exhausted()
    {
        await using var app = new GenieApp()
            .With("Genie:RateLimit:Enabled", "true")
            .With("Genie:RateLimit:ExemptLocalCallers", "false")
            .With("Genie:RateLimit:BurstLimit", "5")
            .With("Genie:RateLimit:RequestsPerSecond", "1");
        await app.InitializeAsync();
        using var calls = GrpcCalls.For(app);

        var codes = new List<StatusCode>();
        for (var i = 0; i < 20; i++)
        {
            var error = await Should.ThrowAsync<RpcException>(() => calls.Client.GetRunAsync(
                new GetRunRequest { Namespace = "team", Id = Guid.NewGuid().ToString() }, GrpcCalls.As(TestCredentials.AdminKey)).ResponseAsync);
            codes.Add(error.StatusCode);
        }

        codes.Take(5).ShouldAllBe(c => c == StatusCode.NotFound);
        codes.ShouldContain(StatusCode.ResourceExhausted);
    }
}
