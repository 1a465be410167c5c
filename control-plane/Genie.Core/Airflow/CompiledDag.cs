namespace Genie.Core.Airflow;

/// <summary>
/// One generated DAG file: its <see cref="DagId"/>, the <see cref="FileName"/> to publish it under, the
/// Python <see cref="Source"/> and the SHA-256 of the source's UTF-8 bytes as lower-case hex
/// (<see cref="ContentHash"/>). <see cref="HashTag"/> is the DAG tag that identifies this exact file
/// in Airflow's API (<c>GET /api/v2/dags/{dag_id}</c> lists it in <c>tags</c> once the file is parsed).
/// </summary>
public sealed record CompiledDag(string DagId, string FileName, string Source, string ContentHash)
{
    /// <summary><c>genie-hash:</c> and 12 hex digits; see <see cref="DagTags.HashTag"/>.</summary>
    public string HashTag { get; init; } = "";
}
