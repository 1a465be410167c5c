using Genie.Client;

namespace Genie.Server.Tests.PublicClient;

/// <summary>The wait before reconnecting doubles while the server stays away, stops at its ceiling, and starts over once a stream worked.</summary>
public sealed class ReconnectBackoffTests
{
    [Fact]
    public void Waits_double_up_to_the_ceiling_and_start_over_after_a_connection()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));

        Enumerable.Range(0, 6).Select(_ => backoff.Next().TotalSeconds).ShouldBe([1, 2, 4, 8, 10, 10]);

        backoff.Reset();
        backoff.Next().ShouldBe(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void The_servers_own_interval_becomes_the_first_wait()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
        backoff.Next();

        backoff.Reset(TimeSpan.FromSeconds(3));

        backoff.Next().ShouldBe(TimeSpan.FromSeconds(3));
        backoff.Next().ShouldBe(TimeSpan.FromSeconds(6));
    }
}
