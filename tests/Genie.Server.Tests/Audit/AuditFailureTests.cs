using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Genie.Client;
using Genie.Client.Contracts;
using Genie.Server.Audit;
using Genie.Server.Store;
using Genie.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Genie.Server.Tests.Audit;

/// <summary>
/// The audit log when things go wrong: a crash is recorded as failed, a call refused by the rate limiter as rejected,
/// and a row that cannot be written costs the caller nothing but is counted and logged.
/// </summary>
public sealed class AuditFailureTests
{
    [Fact]
    public async Task A_crash_is_recorded_as_failed_with_the_trace_id_of_its_500()
    {
        await using var app = await GenieApp.StartAsync();
        using var http = app.CreateClient();
        await using (var connection = await app.OpenDatabaseAsync())
        {
            // A real fault inside the handler: its table is gone.
            await connection.ExecuteAsync("drop table secrets");
        }

        using var response = await http.PostAsJsonAsync("/api/v1/namespaces/crashy/secrets",
            new CreateSecretRequest("db", new Dictionary<string, string?> { ["password"] = "x" }), GenieJson.Options);
        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var row = (await app.CreateGenieClient().ListAuditAsync(new AuditListQuery(Namespace: "crashy"))).Items.ShouldHaveSingleItem();
        (row.Action, row.Target, row.StatusCode, row.Outcome).ShouldBe(("secrets.create", "secrets", 500, "failed"));
        row.RequestId.ShouldBe(problem.RootElement.GetProperty("traceId").GetString());
    }

    [Fact]
    public async Task A_call_refused_by_the_rate_limiter_is_recorded_as_rejected()
    {
        await using var app = await GenieApp.StartAsync(
            ("Genie:RateLimit:ExemptLocalCallers", "false"), ("Genie:RateLimit:BurstLimit", "2"), ("Genie:RateLimit:RequestsPerSecond", "1"));
        using var http = app.CreateClient();
        var statuses = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await http.DeleteAsync($"/api/v1/namespaces/limited/jobs/j{i}");
            statuses.Add((int)response.StatusCode);
        }

        statuses.ShouldContain(429);
        // The read is limited too: wait until the bucket has a token again.
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var rows = (await app.CreateGenieClient().ListAuditAsync(new AuditListQuery(Namespace: "limited"))).Items.Reverse().ToList();
        rows.Select(r => r.StatusCode).ShouldBe(statuses);
        rows.Where(r => r.StatusCode == 429).ShouldAllBe(r => r.Outcome == "rejected" && r.Action == "jobs.delete");
    }

    [Fact]
    public async Task A_row_that_cannot_be_written_is_counted_and_logged_while_the_caller_keeps_its_answer()
    {
        var log = new CapturedLog();
        await using var app = new GenieApp().WithServices(services => services.AddSingleton<ILoggerProvider>(log));
        await app.InitializeAsync();
        using var http = app.CreateClient();
        var failures = 0L;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == AuditWriteFailures.InstrumentName && instrument.Meter.Scope == app.Services.GetRequiredService<IMeterFactory>())
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref failures, value));
        listener.Start();
        await using (var connection = await app.OpenDatabaseAsync())
        {
            await connection.ExecuteAsync("drop table audit_log");
        }

        using var applied = await http.PutAsync("/api/v1/namespaces/unaudited/jobs/hello",
            new StringContent(TestSpecs.Yaml("hello"), Encoding.UTF8, "application/yaml"));

        applied.StatusCode.ShouldBe(HttpStatusCode.Created);
        Interlocked.Read(ref failures).ShouldBe(1);
        var lost = log.Entries.Where(e => e.Category == typeof(AuditMiddleware).FullName).ShouldHaveSingleItem();
        lost.Level.ShouldBe(LogLevel.Error);
        lost.Message.ShouldContain("jobs.apply");
        lost.Message.ShouldContain("jobs/hello");
        lost.Message.ShouldNotContain("greet");
    }

    [Fact]
    public async Task Retention_deletes_only_rows_older_than_the_retention_in_batches()
    {
        await using var app = await GenieApp.StartAsync(("Genie:Audit:Retention", "30.00:00:00"), ("Genie:Housekeeping:BatchSize", "2"));
        var client = app.CreateGenieClient();
        var store = app.Services.GetRequiredService<AuditStore>();
        var now = DateTimeOffset.UtcNow;
        foreach (var age in new[] { 400, 90, 45, 31, 31, 29, 1 })
        {
            await store.InsertAsync(new AuditRecord(
                0, now.AddDays(-age), "anonymous", "jobs.apply", "kept", $"jobs/aged-{age}", null, 200, "succeeded", null), CancellationToken.None);
        }

        var ran = await client.RunHousekeepingAsync("audit-retention");

        ran.LastSucceeded.ShouldBe(true);
        ran.LastDetail!.ShouldContain("deleted 5 audit row(s)");
        var left = (await client.ListAuditAsync(new AuditListQuery(Namespace: "kept"))).Items;
        left.Select(r => r.Target).ShouldBe(["jobs/aged-1", "jobs/aged-29"]);
    }
}
