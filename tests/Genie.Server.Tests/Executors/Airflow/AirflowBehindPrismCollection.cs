namespace Genie.Server.Tests.Executors.Airflow;

/// <summary>The Airflow behaviour tests that share one <see cref="AirflowBehindPrism"/>; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class AirflowBehindPrismCollection : ICollectionFixture<AirflowBehindPrism>
{
    public const string Name = "Airflow behind Prism";
}
