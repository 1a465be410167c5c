using Dapper;
using Genie.Client;
using Genie.Client.Contracts;
using Genie.Server.Store;
using Genie.Server.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Genie.Server.Tests;

/// <summary>Simultaneous writers are ordered by the database, not by luck.</summary>
public sealed class ConcurrentWriteTests(GenieApp app) : IClassFixture<GenieApp>
{
    private readonly GenieClient _client = app.CreateGenieClient();

    [Fact]
    public async Task Parallel_first_applies_of_one_spec_create_exactly_one_job()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ =>
            _client.ApplyJobAsync("race", "once", TestSpecs.Yaml("once"))));

        results.Count(r => r.Result.Outcome == ApplyOutcome.Created).ShouldBe(1);
        results.Count(r => r.Result.Outcome == ApplyOutcome.Unchanged).ShouldBe(15);
        results.ShouldAllBe(r => r.Result.Job.Version == 1);
        (await _client.ListJobVersionsAsync("race", "once")).Items.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Parallel_different_specs_get_distinct_consecutive_versions()
    {
        await _client.ApplyJobAsync("race", "many", TestSpecs.Yaml("many", message: "start"));

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            _client.ApplyJobAsync("race", "many", TestSpecs.Yaml("many", message: $"change-{i}"))));

        results.Select(r => r.Result.Job.Version).Order().ShouldBe(Enumerable.Range(2, 12));
        var versions = await _client.ListJobVersionsAsync("race", "many", limit: 100);
        versions.Items.Select(v => v.Version).ShouldBe(Enumerable.Range(1, 13).Reverse());
        (await _client.GetJobAsync("race", "many")).Version.ShouldBe(13);
    }

    [Fact]
    public async Task Replicas_starting_together_apply_each_migration_once()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync(nameof(Replicas_starting_together_apply_each_migration_once));
        var runners = Enumerable.Range(0, 4).Select(_ =>
        {
            var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
            return (dataSource, runner: new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance));
        }).ToList();

        await Task.WhenAll(runners.Select(r => r.runner.ApplyAsync(CancellationToken.None)));

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        var applied = (await connection.QueryAsync<int>("select version from schema_migrations order by version")).ToList();
        applied.ShouldBe(MigrationRunner.Load().Select(m => m.Version));
        (await connection.ExecuteScalarAsync<bool>("select to_regclass('jobs') is not null")).ShouldBeTrue();
        foreach (var (dataSource, _) in runners)
        {
            await dataSource.DisposeAsync();
        }
    }
}
