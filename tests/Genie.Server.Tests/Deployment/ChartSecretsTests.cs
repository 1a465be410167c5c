using System.Text;
using Genie.Server.Secrets;

namespace Genie.Server.Tests.Deployment;

/// <summary>
/// Secret values reach the server from Secrets only, never from a ConfigMap: from the Secrets named as existingSecret,
/// from the chart's Secret when given inline, and the encryption key from a Secret the chart generates (and keeps)
/// when none is given.
/// </summary>
public sealed class ChartSecretsTests
{
    [Fact]
    public async Task Without_a_key_the_chart_generates_one_genie_accepts_and_keeps_it_across_uninstalls()
    {
        var chart = await Helm.DefaultAsync();

        var secret = chart.Get("Secret", "genie-encryption-key");
        var reference = chart.Environment(chart.Get("Deployment", "genie-server"))["Genie__Secrets__Key"];

        reference.SecretName.ShouldBe("genie-encryption-key");
        var key = Encoding.UTF8.GetString(Convert.FromBase64String((string)secret["data"]![reference.SecretKey!]!));
        SecretKey.FromBase64(key, "the generated key").Bytes.Length.ShouldBe(SecretKey.Length);
        secret["metadata"]!["annotations"]!["helm.sh/resource-policy"]!.ToString().ShouldBe("keep");
        // Two renderings without a cluster to look the Secret up in make two keys: GitOps tools need existingSecret.
        var again = await Helm.DefaultAsync();
        again.Get("Secret", "genie-encryption-key")["data"]!.ToJsonString().ShouldNotBe(secret["data"]!.ToJsonString());
    }

    [Fact]
    public async Task Values_given_inline_go_to_the_charts_secret_and_nowhere_else()
    {
        var values = Helm.WriteValues("""
            database: {password: {value: db-pass-1}}
            secrets: {encryptionKey: {value: "q0Kx1mAYnH3SUM5J3m0W8bJ7Q1RkGu9r0yXnR2o5Qb4="}}
            auth: {bootstrapKey: {value: boot-key-1}}
            airflow:
              baseUrl: http://airflow:8080
              password: {value: airflow-pass-1}
              listenerToken: {value: listener-1}
              publish: {s3: {bucket: dags, accessKey: {value: access-1}, secretKey: {value: s3-secret-1}}}
            portal: {oidc: {enabled: true, authority: https://idp, clientId: portal, clientSecret: {value: oidc-1}}}
            """);
        var chart = await Helm.TemplateAsync([values]);

        var secret = chart.Get("Secret", "genie");
        var stored = secret["data"]!.AsObject().ToDictionary(d => d.Key, d => Encoding.UTF8.GetString(Convert.FromBase64String((string)d.Value!)));
        var server = chart.Environment(chart.Get("Deployment", "genie-server"));
        var portal = chart.Environment(chart.Get("Deployment", "genie-portal"));

        string ValueOf(EnvSource source)
        {
            source.SecretName.ShouldBe("genie");
            return stored[source.SecretKey!];
        }

        ValueOf(server["PGPASSWORD"]).ShouldBe("db-pass-1");
        ValueOf(server["Genie__Secrets__Key"]).ShouldBe("q0Kx1mAYnH3SUM5J3m0W8bJ7Q1RkGu9r0yXnR2o5Qb4=");
        ValueOf(server["Genie__Auth__BootstrapKey"]).ShouldBe("boot-key-1");
        ValueOf(server["Genie__Airflow__Password"]).ShouldBe("airflow-pass-1");
        ValueOf(server["Genie__Airflow__ListenerToken"]).ShouldBe("listener-1");
        ValueOf(server["Genie__Airflow__Publish__AccessKey"]).ShouldBe("access-1");
        ValueOf(server["Genie__Airflow__Publish__SecretKey"]).ShouldBe("s3-secret-1");
        ValueOf(portal["Genie__Portal__Oidc__ClientSecret"]).ShouldBe("oidc-1");
        chart.Find("Secret", "genie-encryption-key").ShouldBeNull();
        foreach (var configMap in chart.OfKind("ConfigMap"))
        {
            var text = configMap.ToJsonString();
            stored.Values.ShouldAllBe(v => !text.Contains(v, StringComparison.Ordinal), configMap["metadata"]!["name"]!.ToString());
        }
    }

    [Fact]
    public async Task Existing_secrets_are_referenced_and_the_chart_renders_no_secret_of_its_own()
    {
        var chart = await Helm.FullAsync();

        var server = chart.Environment(chart.Get("Deployment", "genie-server"));

        chart.OfKind("Secret").ShouldBeEmpty();
        server["PGPASSWORD"].ShouldBe(new EnvSource(null, "genie-postgres-app", "password"));
        server["Genie__Secrets__Key"].ShouldBe(new EnvSource(null, "genie-secrets-key", "current"));
        server["Genie__Secrets__PreviousKeys__0"].ShouldBe(new EnvSource(null, "genie-secrets-key", "previous"));
        server["Genie__Kafka__Producer__sasl.password"].ShouldBe(new EnvSource(null, "genie-kafka-user", "password"));
        server["Genie__Airflow__Publish__SecretKey"].ShouldBe(new EnvSource(null, "genie-s3", "secret-key"));
    }

    [Fact]
    public async Task A_connection_string_from_a_secret_replaces_the_composed_one_and_its_password()
    {
        var chart = await Helm.TemplateAsync(sets: ["database.connectionString.existingSecret=genie-db", "database.password.value=unused"]);

        var server = chart.Environment(chart.Get("Deployment", "genie-server"));

        server["Genie__Database__ConnectionString"].ShouldBe(new EnvSource(null, "genie-db", "connection-string"));
        server.ContainsKey("PGPASSWORD").ShouldBeFalse();
    }
}
