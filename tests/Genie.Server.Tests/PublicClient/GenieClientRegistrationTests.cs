using System.Collections.Concurrent;
using Genie.Client;
using Genie.Client.Contracts;
using Genie.Client.Resources;
using Genie.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Genie.Server.Tests.PublicClient;

/// <summary>`AddGenieClient` wires the facade and every resource interface to one configured HttpClient that reaches Genie.</summary>
public sealed class GenieClientRegistrationTests(GenieApp app) : IClassFixture<GenieApp>
{
    private const string Ns = "registered";
    private const string UserAgent = "genie-registration-test";

    [Fact]
    public async Task The_facade_and_each_resource_interface_resolve_and_talk_to_genie()
    {
        var seen = new ConcurrentQueue<HttpRequestMessage>();
        await using var provider = Register(seen);
        var client = provider.GetRequiredService<GenieClient>();
        var jobs = provider.GetRequiredService<IJobsApi>();
        var runs = provider.GetRequiredService<IRunsApi>();
        var schedules = provider.GetRequiredService<ISchedulesApi>();
        var housekeeping = provider.GetRequiredService<IHousekeepingApi>();
        var health = provider.GetRequiredService<IHealthApi>();

        var applied = await client.ApplyJobAsync(Ns, "wired", TestSpecs.Yaml("wired"));
        var job = await jobs.GetAsync(Ns, "wired");
        var run = await runs.TriggerAsync(Ns, "wired", new TriggerRunRequest());
        var listed = await runs.ListAsync(Ns, new RunListQuery(Job: "wired"));
        var unscheduled = await Should.ThrowAsync<GenieApiException>(() => schedules.GetAsync(Ns, "wired"));
        var tasks = await housekeeping.ListAsync();
        var ready = await health.GetReadinessAsync();

        applied.Result.Outcome.ShouldBe(ApplyOutcome.Created);
        job.Version.ShouldBe(1);
        listed.Items.ShouldContain(r => r.Id == run.Id);
        unscheduled.StatusCode.ShouldBe(404);
        tasks.ShouldNotBeEmpty();
        ready.Status.ShouldBe("ready");
        // Seven calls, all through the one named client: its configuration (user agent, handlers) covers every interface.
        seen.Count.ShouldBe(7);
        seen.ShouldAllBe(r => r.Headers.UserAgent.ToString() == UserAgent);
        seen.ShouldAllBe(r => r.Headers.Authorization!.Scheme == "Bearer");
    }

    [Fact]
    public async Task A_resource_interface_from_di_maps_a_problem_document_to_genie_api_exception()
    {
        await using var provider = Register(new ConcurrentQueue<HttpRequestMessage>());
        var runs = provider.GetRequiredService<IRunsApi>();

        var error = await Should.ThrowAsync<GenieApiException>(() => runs.GetAsync(Ns, "not-a-run"));

        error.StatusCode.ShouldBe(400);
        error.Problem.Title.ShouldNotBeNullOrEmpty();
        error.Problem.Errors!.ShouldHaveSingleItem().Path.ShouldBe("path.id");
    }

    private ServiceProvider Register(ConcurrentQueue<HttpRequestMessage> seen)
    {
        var services = new ServiceCollection();
        services.AddGenieClient(app.Server.BaseAddress, TestCredentials.AdminKey, http => http.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent))
            .ConfigurePrimaryHttpMessageHandler(() => app.Server.CreateHandler())
            .AddHttpMessageHandler(() => new RecordingHandler(seen));
        return services.BuildServiceProvider();
    }

    /// <summary>Keeps every request that passes, to show which HttpClient configuration sent it.</summary>
    private sealed class RecordingHandler(ConcurrentQueue<HttpRequestMessage> seen) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            seen.Enqueue(request);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
