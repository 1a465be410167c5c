using Genie.Server.Executors.Airflow.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Genie.Server.Tests.Executors.Airflow;

/// <summary>AddAirflowClient binds `Genie:Airflow` and gives one client per container, so the token cache is shared.</summary>
[Collection(AirflowBehindPrismCollection.Name)]
public sealed class AirflowClientRegistrationTests(AirflowBehindPrism prism)
{
    [Fact]
    public async Task The_registered_client_uses_the_configured_Airflow_and_is_a_singleton()
    {
        await using var airflow = await prism.StartAirflowAsync();
        airflow.PublishDag("configured");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Genie:Airflow:BaseUrl"] = prism.BaseUrl,
            ["Genie:Airflow:Username"] = FakeAirflow.Username,
            ["Genie:Airflow:Password"] = FakeAirflow.Password,
            ["Genie:Airflow:MaxRetries"] = "2",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddAirflowClient();
        TestAirflowClient.SendThrough(services, prism.Recorder);
        await using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<AirflowOptions>>().Value;
        var first = provider.GetRequiredService<AirflowClient>();
        (await first.GetDagAsync("configured", CancellationToken.None)).ShouldNotBeNull();
        (await provider.GetRequiredService<AirflowClient>().GetDagAsync("configured", CancellationToken.None)).ShouldNotBeNull();

        options.Enabled.ShouldBeTrue();
        options.MaxRetries.ShouldBe(2);
        provider.GetRequiredService<AirflowClient>().ShouldBeSameAs(first);
        airflow.TokensIssued.ShouldBe(1);
        prism.ShouldHaveSentOnlyValidRequests();
    }
}
