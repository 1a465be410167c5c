using System.Net;
using System.Net.Sockets;
using Genie.Server.Executors.Airflow.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Genie.Server.Tests.Executors.Airflow;

/// <summary>The client where no Airflow answers at all (nothing listens, or none is configured), so no request reaches Prism.</summary>
public sealed class AirflowClientWithoutAirflowTests
{
    private const string DagId = "absent_dag";

    [Fact]
    public async Task An_unreachable_Airflow_is_reported_as_unavailable_after_the_retries()
    {
        var closedPort = ClosedPort();
        var client = TestAirflowClient.Create(new AirflowOptions
        {
            BaseUrl = $"http://127.0.0.1:{closedPort}",
            MaxRetries = 2,
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        });

        var error = await Should.ThrowAsync<AirflowUnavailableException>(() => client.GetImportErrorsAsync(CancellationToken.None));

        error.Message.ShouldContain($"127.0.0.1:{closedPort}");
        error.Message.ShouldContain("3 attempts");
        error.InnerException.ShouldBeOfType<HttpRequestException>();
    }

    [Fact]
    public async Task Without_a_base_url_a_call_says_which_setting_is_missing()
    {
        var client = TestAirflowClient.Create(new AirflowOptions());

        var error = await Should.ThrowAsync<InvalidOperationException>(() => client.GetDagAsync(DagId, CancellationToken.None));

        error.Message.ShouldContain("Genie:Airflow:BaseUrl");
    }

    [Fact]
    public void Without_a_base_url_Airflow_is_disabled_and_the_client_still_resolves()
    {
        var services = new ServiceCollection().AddSingleton<IConfiguration>(new ConfigurationBuilder().Build()).AddLogging();
        services.AddAirflowClient();
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IOptions<AirflowOptions>>().Value.Enabled.ShouldBeFalse();
        provider.GetRequiredService<AirflowClient>().ShouldNotBeNull();
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
