using Genie.Core.Airflow;

namespace Genie.Core.Tests.Airflow;

/// <summary>
/// The whole generated file of the feature spec, byte for byte, so every change to the output is seen in
/// review. Set GENIE_UPDATE_GOLDEN=1 to rewrite golden/features.py after an intended change.
/// </summary>
public class GoldenFileTests
{
    private static readonly string GoldenPath = Path.Combine(PythonProcess.RepositoryRoot, "tests", "Genie.Core.Tests", "Airflow", "golden", "features.py");

    [Fact]
    public void The_feature_spec_compiles_to_the_golden_file()
    {
        var source = DagCompiler.Compile(AirflowSpecs.Parse(AirflowSpecs.Features), 7, AirflowSpecs.GoldenOptions).Source;
        if (Environment.GetEnvironmentVariable("GENIE_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(GoldenPath, source);
        }

        source.ShouldBe(File.ReadAllText(GoldenPath));

        // py_compile writes its .pyc next to the file, so the check runs on a copy.
        using var files = new GeneratedFiles();
        GeneratedFiles.ShouldBeValidDag(files.WriteText("features.py", source));
    }
}
