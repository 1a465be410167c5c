using Genie.Server.Executors.Airflow.Publishing;

namespace Genie.Server.Tests.Executors.Airflow.Publishing;

public sealed class DagFileNameTests
{
    [Theory]
    [InlineData("genie__analytics__nightly-etl.py")]
    [InlineData("a.py")]
    [InlineData("jöb_ünïcode.py")]
    public void Accepts_plain_python_file_names(string name) => DagFileName.ProblemWith(name).ShouldBeNull();

    [Theory]
    [InlineData("")]
    [InlineData(".py")]
    [InlineData("job")]
    [InlineData("job.pyc")]
    [InlineData("job.PY")]
    [InlineData("job.py.tmp")]
    [InlineData("dags/job.py")]
    [InlineData("../job.py")]
    [InlineData("..\\job.py")]
    [InlineData("/etc/job.py")]
    [InlineData(".hidden.py")]
    [InlineData("job\n.py")]
    [InlineData("job\0.py")]
    public void Rejects_names_that_are_not_one_plain_python_file(string name)
    {
        DagFileName.ProblemWith(name).ShouldNotBeNull();
        Should.Throw<ArgumentException>(() => DagFileName.Validate(name)).ParamName.ShouldBe("fileName");
    }

    [Fact]
    public void Rejects_names_too_long_for_the_file_system() =>
        DagFileName.ProblemWith(new string('x', 250) + ".py").ShouldNotBeNull();
}
