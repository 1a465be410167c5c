using Genie.Core.Specs;
using static Genie.Core.Tests.Specs.SpecAssertions;
using static Genie.Core.Tests.Specs.SpecDocuments;

namespace Genie.Core.Tests.Specs;

public class ResolvedTaskTests
{
    private static ResolvedTask Resolve(string task, string spec)
    {
        var job = ShouldParse(WithTask(task, spec));
        return ResolvedTask.Resolve(job.Spec, job.Spec.Tasks[0]);
    }

    [Fact]
    public void Tasks_inherit_every_default()
    {
        var resolved = Resolve("command: [echo]", """
            priority: 7
            retry: {limit: 2, backoff: exponential, delay: 30s, maxDelay: 10m}
            defaults:
              image: busybox
              env: {A: a}
              secrets: [{name: db, key: pw, env: DB_PW}]
              resources: {cpu: 500m, memory: 512Mi, limits: {memory: 1Gi}}
              nodeSelector: {disk: ssd}
              tolerations: [{operator: Exists}]
            """);

        resolved.Image.ShouldBe("busybox");
        resolved.Env.ShouldBe(new Dictionary<string, string> { ["A"] = "a" });
        resolved.Secrets.ShouldBe([new SecretRef("db", "pw", "DB_PW")]);
        resolved.Resources!.Memory!.Text.ShouldBe("512Mi");
        resolved.Resources.Limits!.Memory!.Text.ShouldBe("1Gi");
        resolved.NodeSelector["disk"].ShouldBe("ssd");
        resolved.Tolerations.ShouldBe([new Toleration(null, TolerationOperator.Exists, null, null)]);
        resolved.Retry.ShouldBe(new RetryPolicy(2, BackoffKind.Exponential, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(10)));
        resolved.Priority.ShouldBe(7);
    }

    [Fact]
    public void Task_settings_override_defaults_field_by_field()
    {
        var resolved = Resolve("""
            command: [echo]
            image: alpine
            env: {A: mine, B: b}
            secrets: [{name: other, key: pw, env: DB_PW}]
            resources: {memory: 256Mi, limits: {cpu: "2"}}
            nodeSelector: {zone: a}
            tolerations: [{key: gpu, operator: Exists}]
            retry: {limit: 5}
            priority: -1
            """, """
            priority: 7
            retry: {limit: 2, backoff: exponential, delay: 30s}
            defaults:
              image: busybox
              env: {A: a, C: c}
              secrets: [{name: db, key: pw, env: DB_PW}, {name: db, key: user, env: DB_USER}]
              resources: {cpu: 500m, memory: 128Mi, limits: {memory: 1Gi}}
              nodeSelector: {disk: ssd}
              tolerations: [{operator: Exists}]
            """);

        resolved.Image.ShouldBe("alpine");
        resolved.Env.ShouldBe(new Dictionary<string, string> { ["A"] = "mine", ["B"] = "b", ["C"] = "c" }, ignoreOrder: true);
        resolved.Secrets.ShouldBe([new SecretRef("db", "user", "DB_USER"), new SecretRef("other", "pw", "DB_PW")]);
        resolved.Resources!.Cpu!.Text.ShouldBe("500m");
        resolved.Resources.Memory!.Text.ShouldBe("256Mi");
        resolved.Resources.Limits!.Cpu!.Text.ShouldBe("2");
        resolved.Resources.Limits.Memory!.Text.ShouldBe("1Gi");
        resolved.NodeSelector.Count.ShouldBe(2);
        resolved.Tolerations.Count.ShouldBe(2);
        resolved.Retry.ShouldBe(new RetryPolicy(5, BackoffKind.Exponential, TimeSpan.FromSeconds(30), null));
        resolved.Priority.ShouldBe(-1);
    }

    [Fact]
    public void Nothing_to_inherit_gives_format_defaults()
    {
        var resolved = Resolve("command: [echo]", "description: bare");

        resolved.Image.ShouldBeNull();
        resolved.Resources.ShouldBeNull();
        resolved.Retry.ShouldBe(new RetryPolicy(0, BackoffKind.Fixed, RetryPolicy.DefaultDelay, null));
        resolved.Priority.ShouldBe(0);
    }

    [Fact]
    public void Exponential_backoff_doubles_up_to_the_cap()
    {
        var policy = new RetryPolicy(10, BackoffKind.Exponential, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(3));

        Enumerable.Range(1, 5).Select(policy.DelayBefore).ShouldBe([
            TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120), TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(3),
        ]);
    }

    [Fact]
    public void Fixed_backoff_never_grows() =>
        new RetryPolicy(3, BackoffKind.Fixed, TimeSpan.FromSeconds(5), null).DelayBefore(3).ShouldBe(TimeSpan.FromSeconds(5));

    [Fact]
    public void Uncapped_exponential_backoff_stays_finite() =>
        new RetryPolicy(100, BackoffKind.Exponential, TimeSpan.FromDays(1), null).DelayBefore(100).ShouldBe(TimeSpan.FromDays(30));
}
