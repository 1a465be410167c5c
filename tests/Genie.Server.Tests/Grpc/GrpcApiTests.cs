using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Genie.Client;
using Genie.Server.Grpc.V1;
using Genie.Server.Tests.Infrastructure;
using Genie.Server.Tests.Runs;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Genie.Server.Tests.Grpc;

/// <summary>The genie.v1 service on the test server: the REST API's behaviour, roles and validation, in gRPC's terms.</summary>
public sealed class GrpcApiTests(GenieApp app) : IClassFixture<GenieApp>, IDisposable
{
    private const string Ns = "grpc";
    private static readonly Metadata Admin = GrpcCalls.As(TestCredentials.AdminKey);
    private readonly GrpcCalls _calls = GrpcCalls.For(app);
    private readonly GenieClient _rest = app.CreateGenieClient();

    private Genie.Server.Grpc.V1.Genie.GenieClient Client => _calls.Client;

    private static string Sleeper(string name) => $$$"""
        apiVersion: genie.dev/v1
        kind: Job
        metadata:
          name: {{{name}}}
        spec:
          params:
            seconds: {type: integer, default: 30}
          tasks:
            - name: wait
              command: [sleep, "${{ params.seconds }}"]
        """;

    [Fact]
    public async Task Apply_creates_then_finds_the_same_spec_unchanged()
    {
        var request = new ApplyJobRequest { Namespace = Ns, Name = "applied", Spec = TestSpecs.Yaml("applied") };

        var created = await Client.ApplyJobAsync(request, Admin);
        var again = await Client.ApplyJobAsync(request, Admin);
        var json = await Client.ApplyJobAsync(new ApplyJobRequest
        {
            Namespace = Ns, Name = "applied", Spec = TestSpecs.Json("applied"), Format = SpecFormat.Json,
        }, Admin);

        created.Outcome.ShouldBe("created");
        created.Job.Version.ShouldBe(1);
        created.Job.Labels["team"].ShouldBe("data");
        again.Outcome.ShouldBe("unchanged");
        json.Outcome.ShouldBe("unchanged");
        (await _rest.GetJobAsync(Ns, "applied")).ContentHash.ShouldBe(created.Job.ContentHash);
    }

    [Fact]
    public async Task An_invalid_spec_is_invalid_argument_with_the_field_paths_rest_gives()
    {
        var spec = TestSpecs.Yaml("broken").Replace("command: [echo, \"hello\"]", "command: []\n      dependsOn: [nowhere]", StringComparison.Ordinal);

        var error = await Should.ThrowAsync<RpcException>(() =>
            Client.ApplyJobAsync(new ApplyJobRequest { Namespace = Ns, Name = "broken", Spec = spec }, Admin).ResponseAsync);
        var rest = await Should.ThrowAsync<GenieApiException>(() => _rest.ApplyJobAsync(Ns, "broken", spec));

        error.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        var fields = error.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations.Select(v => v.Field).ToList();
        fields.Count.ShouldBeGreaterThanOrEqualTo(2);
        fields.ShouldBe(rest.Problem.Errors!.Select(e => e.Path));
    }

    [Fact]
    public async Task Trigger_get_and_cancel_a_run()
    {
        await Client.ApplyJobAsync(new ApplyJobRequest { Namespace = Ns, Name = "sleeper", Spec = Sleeper("sleeper") }, Admin);

        var run = await Client.TriggerRunAsync(new TriggerRunRequest
        {
            Namespace = Ns, Job = "sleeper", Params = { ["seconds"] = Value.ForNumber(20) }, IdempotencyKey = "grpc-cancel",
        }, Admin);
        var repeat = await Client.TriggerRunAsync(new TriggerRunRequest { Namespace = Ns, Job = "sleeper", IdempotencyKey = "grpc-cancel" }, Admin);
        await _rest.UntilAsync(Ns, run.Id, r => r.Tasks?.Any(t => t.State == "running") == true, "running its task");
        var read = await Client.GetRunAsync(new GetRunRequest { Namespace = Ns, Id = run.Id }, Admin);
        var cancelled = await Client.CancelRunAsync(new CancelRunRequest { Namespace = Ns, Id = run.Id }, Admin);
        var twice = await Should.ThrowAsync<RpcException>(() =>
            Client.CancelRunAsync(new CancelRunRequest { Namespace = Ns, Id = run.Id }, Admin).ResponseAsync);

        run.State.ShouldBe("queued");
        run.ParamsJson.ShouldBe("""{"seconds":20}""");
        run.TriggeredBy.ShouldBe(TestCredentials.AdminActor);
        repeat.Id.ShouldBe(run.Id);
        read.Tasks.Single().Name.ShouldBe("wait");
        read.Tasks.Single().State.ShouldBe("running");
        cancelled.State.ShouldBe("cancelled");
        twice.StatusCode.ShouldBe(StatusCode.FailedPrecondition);
        (await _rest.UntilFinishedAsync(Ns, run.Id)).State.ShouldBe("cancelled");
    }

    [Fact]
    public async Task Bad_trigger_input_is_invalid_argument_naming_each_field()
    {
        await Client.ApplyJobAsync(new ApplyJobRequest { Namespace = Ns, Name = "picky", Spec = Sleeper("picky") }, Admin);

        var request = new TriggerRunRequest
        {
            Namespace = Ns, Job = "picky", Delay = "soon", Params = { ["seconds"] = Value.ForString("many"), ["extra"] = Value.ForBool(true) },
        };
        var shape = await Should.ThrowAsync<RpcException>(() => Client.TriggerRunAsync(request, Admin).ResponseAsync);
        request.Delay = "";
        var values = await Should.ThrowAsync<RpcException>(() => Client.TriggerRunAsync(request, Admin).ResponseAsync);
        var badId = await Should.ThrowAsync<RpcException>(() =>
            Client.GetRunAsync(new GetRunRequest { Namespace = Ns, Id = "not-a-run" }, Admin).ResponseAsync);
        var missing = await Should.ThrowAsync<RpcException>(() =>
            Client.GetRunAsync(new GetRunRequest { Namespace = Ns, Id = Guid.NewGuid().ToString() }, Admin).ResponseAsync);

        Fields(shape).ShouldBe(["delay"]);
        Fields(values).Order().ShouldBe(["params.extra", "params.seconds"]);
        Fields(badId).ShouldBe(["id"]);
        missing.StatusCode.ShouldBe(StatusCode.NotFound);
    }

    [Fact]
    public async Task Callers_get_the_rest_apis_answers_in_grpc_codes()
    {
        await Client.ApplyJobAsync(new ApplyJobRequest { Namespace = Ns, Name = "guarded", Spec = TestSpecs.Yaml("guarded") }, Admin);
        var run = await Client.TriggerRunAsync(new TriggerRunRequest { Namespace = Ns, Job = "guarded" }, Admin);
        var viewer = GrpcCalls.As((await _rest.CreateApiKeyAsync("grpc viewer", [$"viewer:{Ns}"])).Key);
        var stranger = GrpcCalls.As((await _rest.CreateApiKeyAsync("grpc stranger", ["admin:elsewhere"])).Key);
        var get = new GetRunRequest { Namespace = Ns, Id = run.Id };
        var trigger = new TriggerRunRequest { Namespace = Ns, Job = "guarded" };

        (await Client.GetRunAsync(get, viewer)).Id.ShouldBe(run.Id);
        (await Code(() => Client.TriggerRunAsync(trigger, viewer).ResponseAsync)).ShouldBe(StatusCode.PermissionDenied);
        (await Code(() => Client.GetRunAsync(get, stranger).ResponseAsync)).ShouldBe(StatusCode.NotFound);
        (await Code(() => Client.TriggerRunAsync(trigger, stranger).ResponseAsync)).ShouldBe(StatusCode.NotFound);
        (await Code(() => Client.GetRunAsync(get, GrpcCalls.As(null)).ResponseAsync)).ShouldBe(StatusCode.Unauthenticated);
        (await Code(() => Client.WatchRun(new WatchRunRequest { Namespace = Ns, Id = run.Id }, stranger).ResponseStream.MoveNext())).ShouldBe(StatusCode.NotFound);
        (await Code(() => Client.GetRunAsync(get, GrpcCalls.As("genie_nosuchk_" + new string('a', 43))).ResponseAsync)).ShouldBe(StatusCode.Unauthenticated);
    }

    [Fact]
    public async Task WatchRun_streams_every_event_of_the_run_in_order_and_ends_with_the_run()
    {
        await Client.ApplyJobAsync(new ApplyJobRequest { Namespace = Ns, Name = "watched", Spec = TestSpecs.Yaml("watched") }, Admin);
        var run = await Client.TriggerRunAsync(new TriggerRunRequest { Namespace = Ns, Job = "watched" }, Admin);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var watched = await WatchAsync(new WatchRunRequest { Namespace = Ns, Id = run.Id }, deadline.Token);
        var resumed = await WatchAsync(new WatchRunRequest { Namespace = Ns, Id = run.Id, AfterEventId = watched[1].Id }, deadline.Token);
        using var http = app.CreateClient();
        var stream = await http.GetStringAsync($"/api/v1/events?run={run.Id}&follow=false&since=0", deadline.Token);
        var streamed = Regex.Matches(stream, @"^id: (\d+)$", RegexOptions.Multiline).Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();

        watched[0].Type.ShouldBe("run.created");
        watched[^1].Type.ShouldBe("run.state_changed");
        JsonDocument.Parse(watched[^1].PayloadJson).RootElement.GetProperty("to").GetString().ShouldBe("succeeded");
        watched.Select(e => e.Id).ShouldBe(streamed.Take(watched.Count));
        watched.Count(e => e.Type.StartsWith("attempt.", StringComparison.Ordinal)).ShouldBe(2);
        resumed.Select(e => e.Id).ShouldBe(watched.Skip(2).Select(e => e.Id));
    }

    [Fact]
    public async Task Mutating_calls_are_audited_like_their_rest_twins()
    {
        const string audited = "grpc-audit";
        var viewer = GrpcCalls.As((await _rest.CreateApiKeyAsync("grpc audit viewer", [$"viewer:{audited}"])).Key);
        await Client.ApplyJobAsync(new ApplyJobRequest { Namespace = audited, Name = "noted", Spec = TestSpecs.Yaml("noted") }, Admin);
        await Code(() => Client.ApplyJobAsync(new ApplyJobRequest { Namespace = audited, Name = "noted", Spec = "spec: [" }, Admin).ResponseAsync);
        await Code(() => Client.TriggerRunAsync(new TriggerRunRequest { Namespace = audited, Job = "noted" }, viewer).ResponseAsync);
        var run = await Client.TriggerRunAsync(new TriggerRunRequest { Namespace = audited, Job = "noted" }, Admin);
        await Client.GetRunAsync(new GetRunRequest { Namespace = audited, Id = run.Id }, Admin);

        var rows = (await _rest.ListAuditAsync(new AuditListQuery(Namespace: audited))).Items.Reverse().ToList();

        rows.Select(r => (r.Action, r.Target, r.StatusCode, r.Outcome)).ShouldBe([
            ("jobs.apply", "jobs/noted", 200, "succeeded"),
            ("jobs.apply", "jobs/noted", 400, "rejected"),
            ("runs.trigger", "jobs/noted", 403, "denied"),
            ("runs.trigger", "jobs/noted", 200, "succeeded"),
        ]);
        rows[0].Actor.ShouldBe(TestCredentials.AdminActor);
    }

    private async Task<List<RunEvent>> WatchAsync(WatchRunRequest request, CancellationToken cancellationToken)
    {
        using var call = Client.WatchRun(request, Admin, cancellationToken: cancellationToken);
        var events = new List<RunEvent>();
        await foreach (var e in call.ResponseStream.ReadAllAsync(cancellationToken))
        {
            events.Add(e);
        }

        return events;
    }

    private static async Task<StatusCode> Code(Func<Task> call) => (await Should.ThrowAsync<RpcException>(call)).StatusCode;

    private static List<string> Fields(RpcException error)
    {
        error.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        return error.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations.Select(v => v.Field).ToList();
    }

    public void Dispose() => _calls.Dispose();
}
