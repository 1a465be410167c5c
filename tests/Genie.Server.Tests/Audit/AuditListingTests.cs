using System.Net;
using System.Text.Json;
using Genie.Client;
using Genie.Client.Contracts;

namespace Genie.Server.Tests.Audit;

/// <summary>Reading the audit log: newest first, a cursor walk that sees every row once, the filters, and 400s naming each bad filter.</summary>
public sealed class AuditListingTests(AuditFixture fixture) : IClassFixture<AuditFixture>
{
    private const int Rows = 7;
    private readonly HttpClient _http = fixture.App.CreateClient();
    private readonly GenieClient _client = fixture.App.CreateGenieClient();

    [Fact]
    public async Task A_cursor_walk_returns_every_row_exactly_once_newest_first()
    {
        const string ns = "paged";
        await RecordRowsAsync(ns);

        var walked = new List<AuditRecordResource>();
        var pages = 0;
        string? cursor = null;
        do
        {
            var page = await _client.ListAuditAsync(new AuditListQuery(Namespace: ns, Limit: 3, Cursor: cursor));
            page.Items.Count.ShouldBeLessThanOrEqualTo(3);
            walked.AddRange(page.Items);
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        pages.ShouldBe(3);
        walked.Select(r => r.Id).ShouldBeUnique();
        walked.Select(r => r.Target).ShouldBe(Enumerable.Range(0, Rows).Reverse().Select(i => $"secrets/s{i}"));
        walked.ShouldBe(walked.OrderByDescending(r => r.OccurredAt).ThenByDescending(r => r.Id));
    }

    [Fact]
    public async Task Filters_select_by_actor_namespace_action_and_time()
    {
        const string ns = "filtered";
        var rows = await RecordRowsAsync(ns);
        using (await _http.PostAsync("/api/v1/namespaces/other/runs/" + Guid.NewGuid() + "/cancel", null))
        {
        }

        (await ListAsync(new AuditListQuery(Namespace: ns))).Count.ShouldBe(Rows);
        (await ListAsync(new AuditListQuery(Namespace: ns, Action: "secrets.delete"))).Count.ShouldBe(Rows);
        (await ListAsync(new AuditListQuery(Namespace: ns, Action: "runs.cancel"))).ShouldBeEmpty();
        (await ListAsync(new AuditListQuery(Action: "runs.cancel"))).ShouldContain(r => r.Namespace == "other");
        (await ListAsync(new AuditListQuery(Namespace: ns, Actor: AuditFixture.ExpectedActor))).Count.ShouldBe(Rows);
        (await ListAsync(new AuditListQuery(Actor: "key:nobody"))).ShouldBeEmpty();

        var middle = rows[3].OccurredAt;
        var since = await ListAsync(new AuditListQuery(Namespace: ns, From: middle));
        var before = await ListAsync(new AuditListQuery(Namespace: ns, To: middle));
        since.ShouldAllBe(r => r.OccurredAt >= middle);
        before.ShouldAllBe(r => r.OccurredAt < middle);
        (since.Count + before.Count).ShouldBe(Rows);
        since.ShouldContain(r => r.Id == rows[3].Id);
        // The same instant written with another offset (Npgsql writes only UTC instants; this was once a 500).
        (await ListAsync(new AuditListQuery(Namespace: ns, From: middle.ToOffset(TimeSpan.FromHours(2))))).Count.ShouldBe(since.Count);
        (await ListAsync(new AuditListQuery(Namespace: ns, From: middle, To: middle))).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_namespace_admin_reads_only_its_namespaces_rows_and_others_read_none()
    {
        await RecordRowsAsync("mine");
        await RecordRowsAsync("theirs");
        await _client.CreateApiKeyAsync("cluster-level row", ["viewer:mine"]);
        var admin = await ClientWithAsync("admin:mine");
        var viewer = await ClientWithAsync("viewer:mine", "operator:theirs");

        var seen = await admin.ListAuditAsync(new AuditListQuery(Limit: 500));
        var seenAsked = await admin.ListAuditAsync(new AuditListQuery(Namespace: "theirs"));
        var seenByViewer = await viewer.ListAuditAsync(new AuditListQuery(Limit: 500));
        var everything = await _client.ListAuditAsync(new AuditListQuery(Limit: 500));

        seen.Items.Select(r => r.Namespace).Distinct().ShouldBe(["mine"]);
        seenAsked.Items.ShouldBeEmpty();
        seenByViewer.Items.ShouldBeEmpty();
        everything.Items.ShouldContain(r => r.Namespace == null && r.Action == "keys.create");
        everything.Items.Select(r => r.Namespace).ShouldContain("theirs");
    }

    private async Task<GenieClient> ClientWithAsync(params string[] grants)
    {
        var key = (await _client.CreateApiKeyAsync(string.Join(",", grants), grants)).Key;
        return new GenieClient(Infrastructure.TestCredentials.Authorize(fixture.App.CreateClient(), key));
    }

    [Fact]
    public async Task Bad_filters_are_a_400_naming_each_one()
    {
        using var response = await _http.GetAsync(
            "/api/v1/audit?namespace=Bad_Namespace&action=&actor=%01&from=yesterday&to=2026-11-22T05:00:00&limit=0&cursor=not-a-cursor");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        Paths(await response.Content.ReadAsStringAsync()).ShouldBe(
            ["query.actor", "query.action", "query.namespace", "query.from", "query.to", "query.limit", "query.cursor"], ignoreOrder: true);

        using var reversed = await _http.GetAsync("/api/v1/audit?from=2026-11-22T06:00:00Z&to=2026-11-22T05:00:00%2B00:00");
        reversed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        Paths(await reversed.Content.ReadAsStringAsync()).ShouldBe(["query.to"]);
    }

    // One refused call per row, each naming its own target so the order can be checked.
    private async Task<List<AuditRecordResource>> RecordRowsAsync(string ns)
    {
        for (var i = 0; i < Rows; i++)
        {
            using var response = await _http.DeleteAsync($"/api/v1/namespaces/{ns}/secrets/s{i}");
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        var rows = await fixture.RowsAsync(ns);
        rows.Count.ShouldBe(Rows);
        return rows;
    }

    private async Task<IReadOnlyList<AuditRecordResource>> ListAsync(AuditListQuery query) =>
        (await _client.ListAuditAsync(query with { Limit = 500 })).Items;

    private static List<string> Paths(string problem)
    {
        using var document = JsonDocument.Parse(problem);
        return document.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()!).ToList();
    }
}
