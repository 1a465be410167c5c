using Genie.Server.Executors.Airflow.Publishing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Genie.Server.Tests.Executors.Airflow.Publishing;

public sealed class DagPublishingRegistrationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddDagPublishing(configuration).BuildServiceProvider();
    }

    [Fact]
    public void Without_settings_it_publishes_to_the_default_folder()
    {
        using var services = Build([]);

        var publisher = services.GetRequiredService<IDagPublisher>().ShouldBeOfType<FolderDagPublisher>();

        publisher.Folder.ShouldBe(Path.GetFullPath(".genie/dags"));
    }

    [Fact]
    public void Folder_kind_uses_the_configured_folder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "genie-registration-dags");
        using var services = Build(new() { ["Genie:Airflow:Publish:Kind"] = "folder", ["Genie:Airflow:Publish:Folder"] = folder });

        services.GetRequiredService<IDagPublisher>().ShouldBeOfType<FolderDagPublisher>().Folder.ShouldBe(folder);
    }

    [Fact]
    public void S3_kind_uses_the_configured_bucket_and_prefix()
    {
        using var services = Build(new()
        {
            ["Genie:Airflow:Publish:Kind"] = "S3",
            ["Genie:Airflow:Publish:Bucket"] = "airflow-dags",
            ["Genie:Airflow:Publish:Prefix"] = "genie",
            ["Genie:Airflow:Publish:ServiceUrl"] = "http://127.0.0.1:9",
        });

        var publisher = services.GetRequiredService<IDagPublisher>().ShouldBeOfType<S3DagPublisher>();

        publisher.Bucket.ShouldBe("airflow-dags");
        publisher.KeyOf("genie__a.py").ShouldBe("genie/genie__a.py");
    }

    [Fact]
    public void S3_kind_without_a_bucket_is_a_configuration_error()
    {
        using var services = Build(new() { ["Genie:Airflow:Publish:Kind"] = "S3" });

        Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IDagPublisher>())
            .Message.ShouldContain("Bucket");
    }
}
