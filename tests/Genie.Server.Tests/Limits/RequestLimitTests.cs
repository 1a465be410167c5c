using System.Net;
using System.Net.Sockets;
using System.Text;
using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests.Limits;

/// <summary>Kestrel's request limits, set from `Genie:Limits`, on the real server process (the in-process test host has no Kestrel).</summary>
public sealed class RequestLimitTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private readonly string _dataDir = TestPostgres.NewScratchDir();
    private TestDatabase _database = null!;
    private ServerProcess _server = null!;

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_a_413_problem()
    {
        using var http = _server.CreateHttpClient();
        // No Content-Length: only Kestrel, counting as it reads, can stop this body.
        using var content = new StreamContent(new MemoryStream(new byte[8_000]));
        content.Headers.ContentType = new("application/yaml");
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/namespaces/team/jobs/big") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task A_chunk_size_that_overflows_is_a_400_naming_the_body()
    {
        // Kestrel reports this framing error as a plain IOException; it used to reach the last-resort handler as a 500.
        var head = "PUT /api/v1/namespaces/team/jobs/chunky HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
            + $"Authorization: Bearer {TestCredentials.AdminKey}\r\n"
            + "Content-Type: application/yaml\r\nTransfer-Encoding: chunked\r\n\r\n";
        var request = new HostileRequest("framing", Encoding.ASCII.GetBytes(head), Encoding.ASCII.GetBytes("FFFFFFFFFFFF\r\nx\r\n0\r\n\r\n"));

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var answer = await RawHttpExchange.SendAsync(_server.BaseAddress, request, patience.Token);

        answer.Status.ShouldBe(400, answer.Head);
        answer.Head.ShouldContain("application/problem+json");
    }

    [Fact]
    public async Task Too_many_headers_are_refused_with_431()
    {
        using var http = _server.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1");
        for (var i = 0; i < 50; i++)
        {
            request.Headers.TryAddWithoutValidation($"X-Filler-{i}", "x");
        }

        using var response = await http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestHeaderFieldsTooLarge);
    }

    [Fact]
    public async Task A_client_that_never_finishes_its_headers_is_disconnected()
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(_server.BaseAddress.Host, _server.BaseAddress.Port);
        var stream = socket.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("GET /api/v1 HTTP/1.1\r\nHost: x\r\n"));

        // Kestrel answers 408 and closes; a read that ends (0 bytes or the 408) proves the connection was not held forever.
        var buffer = new byte[1024];
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var read = await stream.ReadAsync(buffer, patience.Token);
        if (read > 0)
        {
            Encoding.ASCII.GetString(buffer, 0, read).ShouldStartWith("HTTP/1.1 408");
        }
    }

    public async Task InitializeAsync()
    {
        _database = await TestPostgres.CreateDatabaseAsync(nameof(RequestLimitTests));
        _server = await ServerProcess.StartAsync(_dataDir, Patience, new Dictionary<string, string>
        {
            ["Genie:Database:ConnectionString"] = _database.ConnectionString,
            ["Genie:Limits:MaxRequestBodyBytes"] = "4000",
            ["Genie:Limits:MaxRequestHeaderCount"] = "20",
            ["Genie:Limits:RequestHeadersTimeout"] = "00:00:02",
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _database.DisposeAsync();
        await TestPostgres.DeleteScratchDirAsync(_dataDir);
    }
}
