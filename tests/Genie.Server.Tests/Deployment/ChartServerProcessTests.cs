using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Genie.Server.Grpc.V1;
using Genie.Server.Secrets;
using Genie.Server.Telemetry;
using Genie.Server.Tests.Grpc;
using Genie.Server.Tests.Infrastructure;
using Grpc.Core;
using Grpc.Net.Client;
using Npgsql;

namespace Genie.Server.Tests.Deployment;

/// <summary>
/// The real server process started with the environment the chart gives its pods: it listens on the ports the pods
/// declare, answers the probes' paths and the ServiceMonitor's, serves gRPC on the gRPC port, and reaches its
/// database with the chart's connection string and PGPASSWORD. Only what cannot exist here is swapped: addresses
/// become 127.0.0.1 on free ports, the database is the test cluster's, and the Kubernetes Secret sync is left out.
/// </summary>
public sealed class ChartServerProcessTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private readonly string _dataDir = TestPostgres.NewScratchDir();
    private TestDatabase _database = null!;

    [Fact]
    public async Task Genie_started_with_the_charts_environment_serves_every_port_and_path_the_chart_names()
    {
        var database = new NpgsqlConnectionStringBuilder(_database.ConnectionString);
        var values = Helm.WriteValues($$"""
            database: {host: "{{database.Host}}", port: {{database.Port}}, name: "{{database.Database}}", username: "{{database.Username}}", sslMode: Disable}
            serviceMonitor: {enabled: true}
            """);
        var chart = await Helm.TemplateAsync([values]);
        var deployment = chart.Get("Deployment", "genie-server");
        var container = RenderedChart.Container(deployment);
        var environment = chart.Environment(deployment);
        var ports = container["ports"]!.AsArray().ToDictionary(p => (string)p!["name"]!, p => (int)p!["containerPort"]!);
        var urls = new Uri(environment["urls"].Value!.Replace("+", "localhost", StringComparison.Ordinal));
        var grpcUrl = new Uri(environment["Genie__Grpc__Url"].Value!.Replace("+", "localhost", StringComparison.Ordinal));
        // The pods' ports are where Genie is told to listen.
        urls.Port.ShouldBe(ports["http"]);
        grpcUrl.Port.ShouldBe(ports["grpc"]);

        var (http, grpc) = (FreePort(), FreePort());
        var run = environment.Where(e => !e.Value.FromSecret && e.Key != "Genie__Kubernetes__InCluster")
            .ToDictionary(e => e.Key, e => e.Value.Value!);
        run["urls"] = $"http://127.0.0.1:{http}";
        run["Genie__Grpc__Url"] = $"http://127.0.0.1:{grpc}";
        // The Secret's values as Kubernetes would set them.
        environment["Genie__Secrets__Key"].SecretName.ShouldBe("genie-encryption-key");
        run["Genie__Secrets__Key"] = SecretKey.Generate().ToBase64();
        environment.ContainsKey("PGPASSWORD").ShouldBeFalse();
        run["PGPASSWORD"] = database.Password!;
        run["Genie__Database__ConnectionString"].ShouldNotContain("Password");

        await using var server = await ServerProcess.StartAsync(_dataDir, Patience, environment: run);
        using var client = new HttpClient { BaseAddress = server.BaseAddress };

        server.BaseAddress.Port.ShouldBe(http);
        foreach (var probe in new[] { "startupProbe", "livenessProbe", "readinessProbe" })
        {
            var get = container[probe]!["httpGet"]!;
            ((string)get["port"]!).ShouldBe("http");
            (await client.GetAsync((string)get["path"]!)).StatusCode.ShouldBe(HttpStatusCode.OK, probe);
        }

        var endpoint = chart.OfKind("ServiceMonitor").Single()["spec"]!["endpoints"]![0]!;
        ((string)endpoint["path"]!).ShouldBe(TelemetryRegistration.MetricsPath);
        ServicePortTarget(chart, "genie-server", (string)endpoint["port"]!).ShouldBe("http");
        var metrics = await client.GetAsync((string)endpoint["path"]!);
        metrics.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await metrics.Content.ReadAsStringAsync()).ShouldContain("target_info");

        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{grpc}");
        var missing = await Should.ThrowAsync<RpcException>(() => new global::Genie.Server.Grpc.V1.Genie.GenieClient(channel)
            .GetRunAsync(new GetRunRequest { Namespace = "default", Id = Guid.NewGuid().ToString() }, GrpcCalls.As(TestCredentials.AdminKey)).ResponseAsync);
        missing.StatusCode.ShouldBe(StatusCode.NotFound);
        await server.StopAsync(Patience);
    }

    public async Task InitializeAsync() => _database = await TestPostgres.CreateDatabaseAsync(nameof(ChartServerProcessTests));

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        await TestPostgres.DeleteScratchDirAsync(_dataDir);
    }

    // The Service port of that name, and the container port (by name) it sends to.
    private static string ServicePortTarget(RenderedChart chart, string service, string portName) =>
        (string)chart.Get("Service", service)["spec"]!["ports"]!.AsArray().Single(p => (string)p!["name"]! == portName)!["targetPort"]!;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
