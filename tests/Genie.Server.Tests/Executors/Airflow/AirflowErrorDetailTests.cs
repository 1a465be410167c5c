using Genie.Server.Executors.Airflow.Client;

namespace Genie.Server.Tests.Executors.Airflow;

/// <summary>Airflow's three shapes of `detail` (and non-JSON bodies from proxies) become one readable line.</summary>
public sealed class AirflowErrorDetailTests
{
    [Theory]
    [InlineData("""{"detail":"DAG with dag_id: 'x' has import errors and cannot be triggered"}""", "DAG with dag_id: 'x' has import errors and cannot be triggered")]
    [InlineData("""{"detail":{"reason":"Unique constraint violation","message":"Serious error"}}""", "Serious error")]
    [InlineData("""{"detail":[{"loc":["body","logical_date"],"msg":"Field required","type":"missing"},{"loc":["query","limit",0],"msg":"bad","type":"x"}]}""", "body.logical_date: Field required; query.limit.0: bad")]
    [InlineData("<html><body>502 Bad Gateway</body></html>", "<html><body>502 Bad Gateway</body></html>")]
    [InlineData("", null)]
    public void Detail_is_read_from_every_error_shape(string body, string? expected)
    {
        AirflowErrorDetail.From(body).ShouldBe(expected);
    }
}
