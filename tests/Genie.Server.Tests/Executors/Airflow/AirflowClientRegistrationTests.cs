using Genie.Server.Executors.Airflow.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Genie.Server.Tests.Executors.Airflow;

/// <summary>AddAirflowClient binds `Genie:Airflow` and gives one client per container, so the token cache is shared.</summary>
public sealed class AirflowClientRegistrationTests
{
    [Fact]
    public async Task The_registered_client_uses_the_configured_Airflow_and_is_a_singleton()
    {
        await using var airflow = await FakeAirflow.StartAsync();
        airflow.PublishDag("configured");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Genie:Airflow:BaseUrl"] = airflow.BaseUrl,
            ["Genie:Airflow:Username"] = FakeAirflow.Username,
            ["Genie:Airflow:Password"] = FakeAirflow.Password,
            ["Genie:Airflow:MaxRetries"] = "2",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddAirflowClient();
        await using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<AirflowOptions>>().Value;
        var first = provider.GetRequiredService<AirflowClient>();
        (await first.GetDagAsync("configured", CancellationToken.None)).ShouldNotBeNull();
        (await provider.GetRequiredService<AirflowClient>().GetDagAsync("configured", CancellationToken.None)).ShouldNotBeNull();

        options.Enabled.ShouldBeTrue();
        options.MaxRetries.ShouldBe(2);
        provider.GetRequiredService<AirflowClient>().ShouldBeSameAs(first);
        airflow.TokensIssued.ShouldBe(1);
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
}
