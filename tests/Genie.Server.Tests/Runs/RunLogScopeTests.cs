using Genie.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Genie.Server.Tests.Runs;

/// <summary>Log entries written while Genie works on a run carry its RunId, Job and Namespace as scope fields.</summary>
public sealed class RunLogScopeTests : IAsyncLifetime
{
    private const string Executor = "Genie.Server.Executors.Local.LocalExecutor";
    private readonly CapturedLog _log = new();
    private GenieApp _app = null!;

    public async Task InitializeAsync()
    {
        _app = new GenieApp()
            .With($"Logging:LogLevel:{Executor}", "Debug")
            .WithServices(services => services.AddSingleton<ILoggerProvider>(_log));
        await _app.InitializeAsync();
    }

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    [Fact]
    public async Task The_executors_entries_about_an_attempt_carry_its_runs_scope()
    {
        var client = _app.CreateGenieClient();
        await client.ApplyJobAsync("scoped", "one", TestSpecs.Yaml("one"));
        await client.ApplyJobAsync("scoped", "two", TestSpecs.Yaml("two"));
        var first = await client.TriggerRunAsync("scoped", "one");
        var second = await client.TriggerRunAsync("scoped", "two");
        await client.UntilFinishedAsync("scoped", first.Id);
        await client.UntilFinishedAsync("scoped", second.Id);

        foreach (var (run, job) in new[] { (first.Id, "one"), (second.Id, "two") })
        {
            // Each attempt logs its start and its end at Debug; the message names the attempt, hence the run.
            var entries = _log.Entries.Where(e => e.Category == Executor && e.Message.Contains(run, StringComparison.Ordinal)).ToList();
            entries.Count.ShouldBeGreaterThanOrEqualTo(2, $"entries about run {run}");
            entries.ShouldAllBe(e => Equals(e.Scope["RunId"], run) && Equals(e.Scope["Job"], job) && Equals(e.Scope["Namespace"], "scoped"));
        }
    }

    [Fact]
    public void The_json_console_log_includes_scopes()
    {
        var configuration = _app.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>();
        configuration["Logging:Console:FormatterOptions:IncludeScopes"].ShouldBe("true");
        configuration["Logging:Console:FormatterName"].ShouldBe("json");
    }
}
