using System.Text;
using Genie.Client;
using Genie.Client.Contracts;
using Genie.Server.Secrets.Kubernetes;
using Genie.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Genie.Server.Tests.Secrets;

/// <summary>
/// Genie's secrets copied into Kubernetes Secrets, against <see cref="FakeKubernetesApi"/>: each write through the API
/// reaches it after the commit, the housekeeping reconcile repairs drift and outages, and no value reaches a log.
/// </summary>
public sealed class KubernetesSecretSyncTests : IAsyncLifetime
{
    private const string Value = "k8s-s3cr3t-value-that-must-not-leak";
    private const string Task = KubernetesSecretReconcile.TaskName;

    private readonly CapturedLog _log = new();
    private FakeKubernetesApi _kubernetes = null!;
    private GenieApp _app = null!;
    private GenieClient _client = null!;

    public async Task InitializeAsync()
    {
        _kubernetes = await FakeKubernetesApi.StartAsync();
        _app = await GenieApp.StartAsync(
            ("Genie:Kubernetes:ApiUrl", _kubernetes.Url),
            ("Genie:Kubernetes:RequestTimeout", "00:00:05"),
            ("Genie:Airflow:KubernetesNamespace", FakeKubernetesApi.Namespace));
        _app.WithServices(services => services.AddSingleton<ILoggerProvider>(_log));
        _client = _app.CreateGenieClient();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _kubernetes.DisposeAsync();
    }

    [Fact]
    public async Task Create_rotate_and_delete_reach_kubernetes_as_a_labelled_secret()
    {
        await _client.CreateSecretAsync("team", "db", new Dictionary<string, string> { ["password"] = Value, ["user"] = "etl" });

        var created = _kubernetes.Get("genie-team.db").ShouldNotBeNull();
        _kubernetes.Data("genie-team.db").ShouldBe(new Dictionary<string, string> { ["password"] = Value, ["user"] = "etl" }, ignoreOrder: true);
        created["metadata"]!["labels"]!["app.kubernetes.io/managed-by"]!.GetValue<string>().ShouldBe("genie");
        created["metadata"]!["labels"]!["genie.io/namespace"]!.GetValue<string>().ShouldBe("team");
        created["metadata"]!["annotations"]!["genie.io/secret"]!.GetValue<string>().ShouldBe("db");
        created["type"]!.GetValue<string>().ShouldBe("Opaque");
        var hash = created["metadata"]!["annotations"]!["genie.io/sealed-sha256"]!.GetValue<string>();

        await _client.RotateSecretAsync("team", "db", new Dictionary<string, string> { ["password"] = Value + "-2" });
        _kubernetes.Data("genie-team.db").ShouldBe(new Dictionary<string, string> { ["password"] = Value + "-2" });
        _kubernetes.Get("genie-team.db")!["metadata"]!["annotations"]!["genie.io/sealed-sha256"]!.GetValue<string>().ShouldNotBe(hash);

        await _client.DeleteSecretAsync("team", "db");
        _kubernetes.Get("genie-team.db").ShouldBeNull();

        _kubernetes.Requests.ShouldContain($"POST /api/v1/namespaces/{FakeKubernetesApi.Namespace}/secrets");
        _kubernetes.Requests.ShouldContain($"PUT /api/v1/namespaces/{FakeKubernetesApi.Namespace}/secrets/genie-team.db");
        _kubernetes.Requests.ShouldContain($"DELETE /api/v1/namespaces/{FakeKubernetesApi.Namespace}/secrets/genie-team.db");
        _kubernetes.Violations.ShouldBeEmpty();
        ShouldNotHaveLoggedAValue();
    }

    [Fact]
    public async Task The_reconcile_recreates_a_deleted_secret_restores_an_edited_one_and_removes_an_orphan_but_not_others_secrets()
    {
        foreach (var name in new[] { "deleted", "edited", "intact" })
        {
            await _client.CreateSecretAsync("team", name, new Dictionary<string, string> { ["token"] = Value });
        }

        var genies = new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "genie", ["genie.io/namespace"] = "team" };
        _kubernetes.Remove("genie-team.deleted").ShouldBeTrue();
        var edited = _kubernetes.Get("genie-team.edited")!;
        _kubernetes.Put("genie-team.edited", new Dictionary<string, string> { ["token"] = "tampered" }, genies,
            edited["metadata"]!["annotations"]!.AsObject().ToDictionary(a => a.Key, a => a.Value!.GetValue<string>()));
        _kubernetes.Put("genie-team.gone", new Dictionary<string, string> { ["token"] = "left over" }, genies);
        _kubernetes.Put("hand-made", new Dictionary<string, string> { ["key"] = "theirs" });
        _kubernetes.Put("labelled-by-others", new Dictionary<string, string> { ["key"] = "theirs" },
            new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "helm" });

        var pass = await _client.RunHousekeepingAsync(Task);

        pass.LastSucceeded.ShouldBe(true, pass.LastDetail);
        pass.LastDetail.ShouldBe("created 1, updated 1, deleted 1 orphaned, 1 already current");
        _kubernetes.Data("genie-team.deleted").ShouldBe(new Dictionary<string, string> { ["token"] = Value });
        _kubernetes.Data("genie-team.edited").ShouldBe(new Dictionary<string, string> { ["token"] = Value });
        _kubernetes.Names.ShouldBe(["genie-team.deleted", "genie-team.edited", "genie-team.intact", "hand-made", "labelled-by-others"]);
        _kubernetes.Data("hand-made").ShouldBe(new Dictionary<string, string> { ["key"] = "theirs" });
        (await _client.RunHousekeepingAsync(Task)).LastDetail.ShouldBe("created 0, updated 0, deleted 0 orphaned, 3 already current");
        _kubernetes.Violations.ShouldBeEmpty();
        ShouldNotHaveLoggedAValue();
    }

    [Fact]
    public async Task A_secret_whose_name_is_taken_by_a_secret_genie_did_not_make_leaves_it_alone_and_fails_the_reconcile()
    {
        _kubernetes.Put("genie-team.clash", new Dictionary<string, string> { ["key"] = "theirs" });

        var created = await _client.CreateSecretAsync("team", "clash", new Dictionary<string, string> { ["key"] = Value });
        var pass = await _client.RunHousekeepingAsync(Task);

        created.Name.ShouldBe("clash");
        _kubernetes.Data("genie-team.clash").ShouldBe(new Dictionary<string, string> { ["key"] = "theirs" });
        pass.LastSucceeded.ShouldBe(false);
        pass.LastDetail.ShouldNotBeNull().ShouldContain("team/clash as genie-team.clash: a Secret named genie-team.clash exists without the label");
        ShouldNotHaveLoggedAValue();
    }

    [Fact]
    public async Task With_kubernetes_down_the_api_still_works_and_a_later_reconcile_catches_up()
    {
        await _client.CreateSecretAsync("team", "removed", new Dictionary<string, string> { ["k"] = Value });
        _kubernetes.Down = true;

        await _client.CreateSecretAsync("team", "added", new Dictionary<string, string> { ["k"] = Value });
        await _client.RotateSecretAsync("team", "added", new Dictionary<string, string> { ["k"] = Value + "-2" });
        await _client.DeleteSecretAsync("team", "removed");
        var whileDown = await _client.RunHousekeepingAsync(Task);

        whileDown.LastSucceeded.ShouldBe(false);
        whileDown.LastDetail.ShouldNotBeNull().ShouldContain($"the Secrets in Kubernetes namespace {FakeKubernetesApi.Namespace} could not be listed");
        _log.Entries.Count(e => e.Level == LogLevel.Warning && e.Message.Contains("the next kubernetes-secret-sync pass retries")).ShouldBe(3);
        _kubernetes.Names.ShouldBe(["genie-team.removed"]);

        _kubernetes.Down = false;
        var after = await _client.RunHousekeepingAsync(Task);

        after.LastSucceeded.ShouldBe(true, after.LastDetail);
        _kubernetes.Names.ShouldBe(["genie-team.added"]);
        _kubernetes.Data("genie-team.added").ShouldBe(new Dictionary<string, string> { ["k"] = Value + "-2" });
        _kubernetes.Violations.ShouldBeEmpty();
        ShouldNotHaveLoggedAValue();
    }

    private void ShouldNotHaveLoggedAValue()
    {
        _log.Entries.ShouldNotBeEmpty();
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(Value));
        foreach (var entry in _log.Entries)
        {
            var text = entry.Message + entry.Exception;
            text.ShouldNotContain(Value);
            text.ShouldNotContain(encoded[..20]);
        }
    }
}
