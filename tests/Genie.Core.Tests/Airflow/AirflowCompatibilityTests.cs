using Genie.Core.Airflow;
using Genie.Core.Tests.Specs;

namespace Genie.Core.Tests.Airflow;

/// <summary>What Airflow cannot run exactly is reported with spec paths before anything is compiled.</summary>
public class AirflowCompatibilityTests
{
    [Fact]
    public void Examples_and_golden_specs_are_compatible()
    {
        foreach (var file in AirflowSpecs.ExampleFiles())
        {
            AirflowCompatibility.Check(AirflowSpecs.Example(file)).ShouldBeEmpty(file);
        }

        foreach (var (name, spec) in AirflowSpecs.Golden)
        {
            AirflowCompatibility.Check(AirflowSpecs.Parse(spec)).ShouldBeEmpty(name);
        }
    }

    [Fact]
    public void A_task_without_an_image_is_an_error_when_the_executor_is_left_to_the_server()
    {
        var job = AirflowSpecs.Parse("""
            apiVersion: genie.dev/v1
            kind: Job
            metadata: {name: no-image, namespace: default}
            spec:
              tasks:
                - {name: child, job: {name: other}}
                - {name: bare, command: ["true"]}
            """);

        var errors = AirflowCompatibility.Check(job);

        errors.Count.ShouldBe(1);
        errors.ShouldHaveError("spec.tasks[1].image", "is required with executor airflow");
        Should.Throw<ArgumentException>(() => DagCompiler.Compile(job, 1, new DagCompilerOptions())).Message.ShouldContain("spec.tasks[1].image");
    }

    [Fact]
    public void Secret_variables_must_be_upper_case_because_airflow_upper_cases_them()
    {
        var job = AirflowSpecs.Parse("""
            apiVersion: genie.dev/v1
            kind: Job
            metadata: {name: secrets, namespace: default}
            spec:
              defaults: {image: "busybox:1.36", secrets: [{name: db, key: pw, env: db_password}]}
              tasks:
                - {name: one, command: ["true"], secrets: [{name: api, key: token, env: API_TOKEN}, {name: api, key: id, env: Api_Id}]}
            """);

        var errors = AirflowCompatibility.Check(job);

        errors.Count.ShouldBe(2);
        errors.ShouldHaveError("spec.defaults.secrets[0].env", "`db_password` would be set as `DB_PASSWORD`");
        errors.ShouldHaveError("spec.tasks[0].secrets[1].env", "`Api_Id` would be set as `API_ID`");
    }

    [Fact]
    public void A_job_needs_its_namespace_to_name_its_dag()
    {
        var job = AirflowSpecs.Parse(AirflowSpecs.Minimal);

        AirflowCompatibility.Check(job with { Metadata = job.Metadata with { Namespace = null } })
            .ShouldHaveError("metadata.namespace", "must be set");
    }
}
