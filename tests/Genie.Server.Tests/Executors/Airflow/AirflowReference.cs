using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests.Executors.Airflow;

/// <summary>
/// The official Airflow OpenAPI specs in the shared reference pack, which sits beside the repository
/// (`&lt;repo&gt;/../shared/reference/airflow`).
/// </summary>
public static class AirflowReference
{
    public const string RestApiSpec = "airflow-rest-api-v2.yaml";
    public const string SimpleAuthManagerSpec = "airflow-simple-auth-manager-v2.yaml";

    public static string Folder { get; } = Path.GetFullPath(Path.Combine(RepositoryFiles.Root, "..", "shared", "reference", "airflow"));

    public static string Spec(string fileName)
    {
        var path = Path.Combine(Folder, fileName);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException(
                $"The Airflow OpenAPI spec {fileName} is missing: expected it at {path}, in the shared reference pack beside the repository " +
                $"({RepositoryFiles.Root}/../shared/reference/airflow).", path);
    }
}
