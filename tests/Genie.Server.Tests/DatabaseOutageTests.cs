using System.Net.Sockets;
using Genie.Server.Store;
using Genie.Server.Tests.Infrastructure;
using Npgsql;

namespace Genie.Server.Tests;

/// <summary>Which failures count as the database being away (wait, one warning line) and which are faults (an error with a stack trace).</summary>
public sealed class DatabaseOutageTests
{
    [Fact]
    public async Task A_refused_connection_is_an_outage_also_when_hangfire_wraps_it()
    {
        var refused = await Should.ThrowAsync<NpgsqlException>(UnreachableDatabase.ConnectAsync);

        DatabaseOutage.Is(refused).ShouldBeTrue();
        DatabaseOutage.Is(new Hangfire.BackgroundJobClientException("Background job creation failed", refused)).ShouldBeTrue();
        DatabaseOutage.Describe(refused).ShouldContain("Failed to connect");
        DatabaseOutage.Describe(refused).ShouldNotContain(" at ");
    }

    [Theory]
    [InlineData("57P01", true)] // admin shutdown: pg_ctl stop -m fast
    [InlineData("57P02", true)] // crash shutdown
    [InlineData("57P03", true)] // starting up, in recovery
    [InlineData("08006", true)] // connection failure
    [InlineData("53300", true)] // too many connections
    [InlineData("23505", false)] // unique violation: a bug or a race, not an outage
    [InlineData("42P01", false)] // undefined table
    [InlineData("40P01", false)] // deadlock
    public void Server_errors_are_an_outage_only_when_the_server_is_going_away_or_not_there_yet(string sqlState, bool outage) =>
        DatabaseOutage.Is(new PostgresException("message", "FATAL", "FATAL", sqlState)).ShouldBe(outage);

    [Fact]
    public void Timeouts_count_only_as_themselves_not_inside_an_http_cancellation()
    {
        DatabaseOutage.Is(new TimeoutException()).ShouldBeTrue();
        DatabaseOutage.Is(new SocketException((int)SocketError.ConnectionRefused)).ShouldBeTrue();
        DatabaseOutage.Is(new TaskCanceledException("HttpClient timed out", new TimeoutException())).ShouldBeFalse();
        DatabaseOutage.Is(new InvalidOperationException("a bug")).ShouldBeFalse();
    }
}
