using System.Net;
using System.Text.Json.Nodes;
using Genie.Portal.Tests.Infrastructure;
using Genie.Server.Tests.Deployment;
using Genie.Server.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Genie.Portal.Tests.Deployment;

/// <summary>
/// The chart's portal against the portal itself: every setting is a key of PortalOptions with a value its binder
/// accepts, the default port is the portal's own, and the real portal process started with the ConfigMap's environment
/// listens on the `urls` port (not its appsettings.json's) and answers the readiness probe's path.
/// </summary>
public sealed class PortalChartTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static readonly OptionKeys PortalKeys = OptionKeys.Of([(PortalOptions.Section, typeof(PortalOptions))]);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Every_portal_setting_is_a_key_of_the_portals_options_and_binds(bool fullValues)
    {
        var chart = fullValues ? await Helm.FullAsync() : await Helm.DefaultAsync();

        var settings = ContainerSettings.Of(chart, "genie-portal");
        var literal = settings.Where(s => !s.Source.FromSecret).ToDictionary(s => s.Key, s => s.Source.Value);
        var options = new ConfigurationBuilder().AddInMemoryCollection(literal).Build().GetSection(PortalOptions.Section).Get<PortalOptions>();

        ContainerSettings.Unknown(settings, PortalKeys, ChartConfigurationTests.Others).ShouldBeEmpty();
        options.ShouldNotBeNull().ServerUrl.ShouldBe(new Uri("http://genie-server:8080"));
        if (fullValues)
        {
            options.Oidc.IsEnabled.ShouldBeTrue();
            options.Oidc.Scopes.ShouldBe(["genie"]);
            settings.Single(s => s.Key == "Genie:Portal:Oidc:ClientSecret").Source.FromSecret.ShouldBeTrue();
        }
    }

    [Fact]
    public async Task A_misspelled_portal_key_is_reported()
    {
        var chart = await Helm.TemplateAsync([Helm.WriteValues("""
            portal:
              extraEnv:
                - {name: Genie__Portal__ServerUri, value: "http://genie-server:8080"}
                - {name: Genie__Portal__Oidc__Scopes__0, value: genie}
            """)]);

        var unknown = ContainerSettings.Unknown(ContainerSettings.Of(chart, "genie-portal"), PortalKeys, ChartConfigurationTests.Others);

        unknown.ShouldBe(["Genie__Portal__ServerUri"]);
    }

    [Fact]
    public async Task The_default_port_is_the_portals_own()
    {
        var chart = await Helm.DefaultAsync();
        var appSettings = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryFiles.Root, "ui", "Genie.Portal", "appsettings.json")))!;

        var port = (int)RenderedChart.Container(chart.Get("Deployment", "genie-portal"))["ports"]![0]!["containerPort"]!;

        port.ShouldBe(new Uri((string)appSettings["Urls"]!).Port);
        new Uri(chart.Environment(chart.Get("Deployment", "genie-portal"))["urls"].Value!.Replace("+", "localhost", StringComparison.Ordinal)).Port
            .ShouldBe(port);
    }

    [Fact]
    public async Task The_portal_started_with_the_charts_environment_listens_on_the_urls_port_and_answers_its_readiness_path()
    {
        var chart = await Helm.DefaultAsync();
        var deployment = chart.Get("Deployment", "genie-portal");
        var environment = chart.Environment(deployment).ToDictionary(e => e.Key, e => e.Value.Value!);
        var readiness = RenderedChart.Container(deployment)["readinessProbe"]!["httpGet"]!;
        // Only the address is swapped: 127.0.0.1 and a free port instead of every address on the pod's port.
        environment["urls"] = "http://127.0.0.1:0";

        await using var portal = await PortalProcess.StartWithEnvironmentAsync(environment, Patience);
        using var http = new HttpClient { BaseAddress = portal.BaseAddress };
        var answer = await http.GetAsync((string)readiness["path"]!);

        portal.BaseAddress.Host.ShouldBe("127.0.0.1");
        // appsettings.json's 127.0.0.1:8081 would have won had the variable not outranked it.
        portal.BaseAddress.Port.ShouldNotBe(8081);
        ((string)readiness["port"]!).ShouldBe("http");
        answer.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
