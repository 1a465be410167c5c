using System.Text.Json.Nodes;

namespace Genie.Server.Tests.Deployment;

/// <summary>
/// Every rendered object against its schema (charts/check/validate-manifests.mjs: Kubernetes' own for built-in kinds,
/// the CRDs' for Strimzi, the Flink operator and prometheus-operator), and proof that the check refuses what the API
/// server would: an unknown field, a wrong type, a missing required field, a value outside an enum.
/// </summary>
public sealed class ChartSchemaTests
{
    public static TheoryData<string, string> Variants => new()
    {
        { "default values", "" },
        { "full values", "full" },
        { "Flink session cluster and job, Strimzi v1, folder bundle", """
            airflow:
              baseUrl: http://airflow:8080
              publish: {kind: Folder, folder: {existingClaim: airflow-dags}}
            kafka: {bootstrapServers: kafka:9092, schemaRegistryUrl: http://schema-registry:8081}
            kafkaConnect: {enabled: true, apiVersion: kafka.strimzi.io/v1}
            flink: {enabled: true, mode: session}
            server: {replicas: 1}
            portal: {enabled: false}
            """ },
        { "Cdc mode with the Debezium outbox connector", """
            kafka: {mode: Cdc, bootstrapServers: kafka:9092, schemaRegistryUrl: http://schema-registry:8081}
            kafkaConnect: {enabled: true, debeziumOutbox: {enabled: true}}
            flink: {enabled: true}
            """ },
        { "inline secrets, a connection string from a Secret, no Secret sync", """
            database: {connectionString: {existingSecret: genie-db}}
            secrets: {encryptionKey: {value: "q0Kx1mAYnH3SUM5J3m0W8bJ7Q1RkGu9r0yXnR2o5Qb4="}}
            auth: {bootstrapKey: {value: genie_abcdefgh_0123456789012345678901234567890123456789012}}
            airflow: {baseUrl: http://airflow:8080, password: {value: pw}, listenerToken: {value: tok}, publish: {s3: {bucket: dags}}}
            kubernetesSecretSync: {enabled: false}
            portal: {oidc: {enabled: true, authority: https://idp, clientId: portal, clientSecret: {value: s}}}
            """ },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task Every_rendered_object_matches_the_schema_of_its_api(string variant, string values)
    {
        var chart = await Render(values);

        var check = await ManifestValidator.ValidateAsync(chart.Text);

        check.ExitCode.ShouldBe(0, $"{variant}: {check.Describe()}");
        check.Output.ShouldContain($"{chart.Objects.Count} object(s) checked, 0 problem(s)");
    }

    [Fact]
    public async Task The_full_values_render_every_kind_the_chart_has()
    {
        var chart = await Helm.FullAsync();

        chart.Objects.Select(o => $"{o["apiVersion"]} {o["kind"]}").Distinct().Order().ShouldBe(
        [
            "apps/v1 Deployment",
            "autoscaling/v2 HorizontalPodAutoscaler",
            "flink.apache.org/v1beta1 FlinkDeployment",
            "kafka.strimzi.io/v1beta2 KafkaConnector",
            "monitoring.coreos.com/v1 ServiceMonitor",
            "networking.k8s.io/v1 Ingress",
            "networking.k8s.io/v1 NetworkPolicy",
            "policy/v1 PodDisruptionBudget",
            "rbac.authorization.k8s.io/v1 Role",
            "rbac.authorization.k8s.io/v1 RoleBinding",
            "v1 ConfigMap",
            "v1 Service",
            "v1 ServiceAccount",
        ]);
    }

    [Fact]
    public async Task Broken_objects_are_refused_with_the_path_of_each_fault()
    {
        var chart = await Helm.FullAsync();
        var server = Clone(chart.Get("Deployment", "genie-server"));
        var container = RenderedChart.Container(server);
        container["imagePullPolicy"] = "Sometimes";
        container["ports"]![0]!["containerPort"] = "8080";
        container["securityContext"]!["runAsNonRot"] = true;
        server["spec"]!.AsObject().Remove("selector");
        var connector = Clone(chart.OfKind("KafkaConnector").First());
        connector["spec"]!["tasksMax"] = "one";
        connector["spec"]!["autoRestart"]!["never"] = true;
        var flink = Clone(chart.OfKind("FlinkDeployment").Single());
        flink["spec"]!["job"]!["upgradeMode"] = "never";
        flink["spec"]!["podTemplate"]!["spec"]!["containers"]![0]!["volumeMount"] = new JsonArray();
        var monitor = Clone(chart.OfKind("ServiceMonitor").Single());
        monitor["spec"]!["endpoints"]![0]!["scrapeIntreval"] = "30s";
        var service = Clone(chart.Get("Service", "genie-server"));
        service["metadata"]!["name"] = "Genie_Server";

        var check = await ManifestValidator.ValidateAsync(string.Join("\n---\n", new[] { server, connector, flink, monitor, service }.Select(o => o.ToJsonString())));

        check.ExitCode.ShouldBe(1, check.Describe());
        check.Output.ShouldContain("Deployment/genie-server: /spec/template/spec/containers/0/imagePullPolicy: must be one of");
        check.Output.ShouldContain("Deployment/genie-server: /spec/template/spec/containers/0/ports/0/containerPort: must be integer");
        check.Output.ShouldContain("Deployment/genie-server: /spec/template/spec/containers/0/securityContext/runAsNonRot: unknown field");
        check.Output.ShouldContain("Deployment/genie-server: /spec: must have required property 'selector'");
        check.Output.ShouldContain("/spec/tasksMax: must be integer");
        check.Output.ShouldContain("/spec/autoRestart: must not have the field 'never'");
        check.Output.ShouldContain("/spec/job/upgradeMode: must be one of");
        check.Output.ShouldContain("/spec/podTemplate/spec/containers/0/volumeMount: unknown field");
        check.Output.ShouldContain("/spec/endpoints/0: must not have the field 'scrapeIntreval'");
        check.Output.ShouldContain("/metadata/name: \"Genie_Server\" is not a DNS-1123 subdomain");
        check.Output.ShouldContain("5 object(s) checked, 10 problem(s)");
    }

    [Fact]
    public async Task An_api_the_targeted_kubernetes_does_not_serve_or_one_without_a_schema_is_refused()
    {
        var chart = await Helm.DefaultAsync();
        var budget = chart.Get("PodDisruptionBudget", "genie-server").ToJsonString();

        var onOldKubernetes = await ManifestValidator.ValidateAsync(budget, kubeVersion: "1.20");
        var unknownApi = await ManifestValidator.ValidateAsync("""
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: nightly}
            spec: {schedule: "@daily", jobTemplate: {spec: {template: {spec: {containers: [{name: c, image: i}]}}}}}
            """);

        onOldKubernetes.ExitCode.ShouldBe(1);
        onOldKubernetes.Output.ShouldContain("policy/v1/PodDisruptionBudget is served from Kubernetes 1.21, after the targeted 1.20");
        unknownApi.ExitCode.ShouldBe(1);
        unknownApi.Output.ShouldContain("CronJob/nightly: /: batch/v1/CronJob has no schema here");
    }

    private static Task<RenderedChart> Render(string values) => values switch
    {
        "" => Helm.DefaultAsync(),
        "full" => Helm.FullAsync(),
        _ => Helm.TemplateAsync([Helm.WriteValues(values)]),
    };

    private static JsonObject Clone(JsonObject value) => JsonNode.Parse(value.ToJsonString())!.AsObject();
}
