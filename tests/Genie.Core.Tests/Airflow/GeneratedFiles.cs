using Genie.Core.Airflow;

namespace Genie.Core.Tests.Airflow;

/// <summary>Writes generated DAG files into a fresh temporary folder and checks them with python3.</summary>
internal sealed class GeneratedFiles : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("genie-dags-");

    /// <summary>Writes <paramref name="dag"/> under its file name, as UTF-8 without a byte order mark.</summary>
    public string Write(CompiledDag dag)
    {
        var path = Path.Combine(_folder.FullName, dag.FileName);
        File.WriteAllText(path, dag.Source);
        return path;
    }

    /// <summary>Writes any text next to the DAG files.</summary>
    public string WriteText(string name, string text)
    {
        var path = Path.Combine(_folder.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Asserts that python3 compiles the file and airflow/tools/check_dag.py accepts it.</summary>
    public static void ShouldBeValidDag(string path)
    {
        var compiled = PythonProcess.Python("-m", "py_compile", path);
        compiled.ExitCode.ShouldBe(0, compiled.Output);
        var checkedDag = PythonProcess.Python(PythonProcess.CheckDag, path);
        checkedDag.ExitCode.ShouldBe(0, checkedDag.Output);
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
