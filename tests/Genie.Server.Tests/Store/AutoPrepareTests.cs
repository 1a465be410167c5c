using Genie.Server.Store;
using Npgsql;

namespace Genie.Server.Tests.Store;

/// <summary>Automatic preparation is on by default, and a connection string that decides it keeps its choice.</summary>
public sealed class AutoPrepareTests
{
    [Fact]
    public void A_connection_string_without_the_setting_gets_automatic_preparation()
    {
        var applied = new NpgsqlConnectionStringBuilder(AutoPrepare.Apply("Host=db;Database=genie;Username=genie;Password=secret"));

        applied.MaxAutoPrepare.ShouldBe(AutoPrepare.MaxStatements);
        applied.AutoPrepareMinUsages.ShouldBe(AutoPrepare.MinUsages);
        applied.Password.ShouldBe("secret");
        applied.Host.ShouldBe("db");
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0")]
    [InlineData("Host=db;maxautoprepare=0")]
    public void A_connection_string_that_sets_it_is_left_as_it_is(string connectionString) =>
        AutoPrepare.Apply(connectionString).ShouldBe(connectionString);
}
