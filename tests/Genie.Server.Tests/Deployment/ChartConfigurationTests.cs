using Genie.Core.Specs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace Genie.Server.Tests.Deployment;

/// <summary>
/// Every setting the chart gives the server is a key Genie's options bind (found by reflection over Genie.Server's
/// options classes), with a value the configuration binder accepts; a misspelled key is reported.
/// </summary>
public sealed class ChartConfigurationTests
{
    /// <summary>What the chart sets beside Genie's options, and who reads it.</summary>
    public static readonly IReadOnlyDictionary<string, string> Others = new Dictionary<string, string>
    {
        [WebHostDefaults.ServerUrlsKey] = "the host: Kestrel's listen addresses",
        ["PGPASSWORD"] = "Npgsql: the password of a connection string that has none",
        ["Logging:LogLevel:"] = "the host's logging levels",
    };

    /// <summary>
    /// Genie.Server's options classes by their sections, and SpecLimits, which ServerRegistration binds to `Genie:Specs`
    /// without a section constant.
    /// </summary>
    public static OptionKeys ServerOptions { get; } =
        OptionKeys.Of(OptionKeys.SectionsIn(typeof(GenieOptions).Assembly).Append(("Genie:Specs", typeof(SpecLimits))));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Every_server_setting_is_a_key_of_Genies_options(bool fullValues)
    {
        var chart = fullValues ? await Helm.FullAsync() : await Helm.DefaultAsync();

        var settings = ContainerSettings.Of(chart, "genie-server");

        ContainerSettings.Unknown(settings, ServerOptions, Others).ShouldBeEmpty();
        settings.Count.ShouldBeGreaterThanOrEqualTo(fullValues ? 40 : 10);
    }

    [Fact]
    public async Task A_misspelled_key_in_any_section_or_one_outside_every_section_is_reported()
    {
        var values = Helm.WriteValues("""
            config:
              Genie:Housekeeping:RunRetension: 1.00:00:00
              Genie:Housekeping:RunRetention: 1.00:00:00
              Genie:Auth:Jwt:GroupGrants:team: cluster-admin
            server:
              extraEnv:
                - {name: Genie__Airflow__BaseUri, value: "http://airflow"}
                - {name: Genie__Local__Slots, value: "4"}
                - {name: Loging__LogLevel__Default, value: Debug}
            """);
        var chart = await Helm.TemplateAsync([values]);

        var unknown = ContainerSettings.Unknown(ContainerSettings.Of(chart, "genie-server"), ServerOptions, Others);

        unknown.Order().ShouldBe(
        [
            "Genie__Airflow__BaseUri",
            // A dictionary of lists: a grant needs its index (GroupGrants:team:0).
            "Genie__Auth__Jwt__GroupGrants__team",
            "Genie__Housekeeping__RunRetension",
            "Genie__Housekeping__RunRetention",
            "Loging__LogLevel__Default",
        ]);
    }

    [Fact]
    public void The_key_reflection_follows_the_binder_through_nested_objects_lists_and_dictionaries()
    {
        ServerOptions.IsKnown("Genie:Auth:Jwt:GroupGrants:platform-team:0").ShouldBeTrue();
        ServerOptions.IsKnown("genie:auth:jwt:issuer").ShouldBeTrue();
        ServerOptions.IsKnown("Genie:Kafka:Producer:sasl.password").ShouldBeTrue();
        ServerOptions.IsKnown("Genie:Secrets:PreviousKeys:3").ShouldBeTrue();
        ServerOptions.IsKnown("Genie:Specs:MaxTasks").ShouldBeTrue();
        ServerOptions.IsKnown("Genie:Airflow:Publish:Bucket").ShouldBeTrue();
        ServerOptions.IsKnown("Genie:Secrets:PreviousKeys:first").ShouldBeFalse();
        ServerOptions.IsKnown("Genie:Auth:Jwt").ShouldBeFalse();
        ServerOptions.IsKnown("Genie:DataDirFullPath").ShouldBeFalse();
        ServerOptions.IsKnown("Genie:Airflow:Publish:Bucket:Name").ShouldBeFalse();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Every_literal_setting_binds_to_its_options_with_the_real_binder(bool fullValues)
    {
        var chart = fullValues ? await Helm.FullAsync() : await Helm.DefaultAsync();
        var literal = ContainerSettings.Of(chart, "genie-server").Where(s => !s.Source.FromSecret)
            .ToDictionary(s => s.Key, s => s.Source.Value);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(literal).Build();

        foreach (var (section, type) in OptionKeys.SectionsIn(typeof(GenieOptions).Assembly))
        {
            // A value the binder cannot convert (a duration, a number, an enum) throws here, as it would at start.
            Should.NotThrow(() => configuration.GetSection(section).Get(type), $"section {section}");
        }

        literal.ShouldContainKey("Genie:DefaultExecutor");
    }
}
