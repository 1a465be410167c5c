using Genie.Client;
using Genie.Server.Events;
using Genie.Server.Executors.Local;
using Genie.Server.Health;
using Genie.Server.Notifications;
using Genie.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Genie.Server.Tests;

/// <summary>
/// How background loops survive failures (<see cref="SupervisedLoop"/>) and what happens when one dies anyway
/// (<see cref="LoopWatch{TService}"/>): a critical log line and a `/readyz` that fails naming the loop. The dying
/// loop is one the test adds to the real server, hosted exactly as the executors are; nothing in the product
/// carries a switch to kill its own loops.
/// </summary>
public sealed class BackgroundLoopTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_loop_that_dies_is_logged_as_critical_and_makes_readiness_fail(bool throws)
    {
        var log = new CapturedLog();
        var doomed = new DoomedLoop(throws);
        await using var genie = await GenieApp.StartAsync();
        await using var app = genie.WithWebHostBuilder(host => host.ConfigureServices(services =>
        {
            services.AddSingleton<ILoggerProvider>(log);
            services.AddSingleton(doomed);
            services.AddWatchedLoop<DoomedLoop>("doomed-loop");
        }));
        var client = new GenieClient(app.CreateClient());
        (await client.GetReadinessAsync()).Status.ShouldBe("ready");
        app.Services.GetRequiredService<BackgroundLoopHealth>().Loops.ShouldBe(
            [LocalExecutor.LoopName, NotificationSender.LoopName, EventHub.LoopName, "doomed-loop"], ignoreOrder: true);

        doomed.Die();

        var notReady = await UntilNotReadyAsync(client);
        notReady.StatusCode.ShouldBe(503);
        notReady.Problem.Detail!.ShouldContain("doomed-loop");
        notReady.Problem.Detail!.ShouldNotContain(LocalExecutor.LoopName);
        var critical = log.Entries.Where(e => e.Level == LogLevel.Critical).ShouldHaveSingleItem();
        critical.Message.ShouldContain("doomed-loop");
        if (throws)
        {
            critical.Exception.ShouldBeOfType<InvalidOperationException>();
        }

        (await client.GetHealthAsync()).Status.ShouldBe("ok", "the process still answers; only readiness fails");
    }

    [Fact]
    public async Task Loops_stopped_by_a_shutdown_are_not_dead()
    {
        var log = new CapturedLog();
        await using var genie = await GenieApp.StartAsync();
        var app = genie.WithWebHostBuilder(host => host.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(log)));
        (await new GenieClient(app.CreateClient()).GetReadinessAsync()).Status.ShouldBe("ready");

        await app.DisposeAsync();

        log.Entries.ShouldNotContain(e => e.Level == LogLevel.Critical);
    }

    [Fact]
    public async Task A_database_outage_is_one_warning_then_one_line_when_it_ends_and_the_wait_is_guarded_too()
    {
        var log = new CapturedLog();
        var passes = 0;
        var waits = 0;

        await RunUntilWaitingAsync(log,
            async _ =>
            {
                // Pass 1 works; the wait after it fails (as computing the next wake-up can); pass 2 fails; pass 3 works.
                if (++passes == 2)
                {
                    await UnreachableDatabase.ConnectAsync();
                }
            },
            async () =>
            {
                if (++waits == 1)
                {
                    await UnreachableDatabase.ConnectAsync();
                }
            });

        passes.ShouldBe(3);
        var warnings = log.Entries.Where(e => e.Level == LogLevel.Warning).ShouldHaveSingleItem();
        warnings.Message.ShouldContain("test-loop cannot reach the database");
        warnings.Exception.ShouldBeNull("an outage is one line, not a stack trace");
        log.Entries.Count(e => e.Level == LogLevel.Information && e.Message.Contains("reaches the database again", StringComparison.Ordinal)).ShouldBe(1);
        log.Entries.ShouldNotContain(e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task Any_other_failure_is_an_error_with_its_stack_trace_and_the_loop_carries_on()
    {
        var log = new CapturedLog();
        var passes = 0;

        await RunUntilWaitingAsync(log, _ => ++passes == 1 ? throw new InvalidOperationException("a bug") : Task.CompletedTask);

        passes.ShouldBe(2);
        var error = log.Entries.Where(e => e.Level == LogLevel.Error).ShouldHaveSingleItem();
        error.Exception.ShouldBeOfType<InvalidOperationException>();
        error.Message.ShouldContain("test-loop");
    }

    /// <summary>
    /// Runs a <see cref="SupervisedLoop"/> named test-loop with <paramref name="pass"/> until it reaches a wait that blocks
    /// (after <paramref name="beforeWait"/>, which may fail as computing the next wake-up can), then stops it.
    /// </summary>
    private static async Task RunUntilWaitingAsync(CapturedLog log, Func<CancellationToken, Task> pass, Func<Task>? beforeWait = null)
    {
        var loop = new SupervisedLoop("test-loop", log.CreateLogger("test"), TimeProvider.System);
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        var running = loop.RunAsync(
            pass,
            async cancellationToken =>
            {
                if (beforeWait is not null)
                {
                    await beforeWait();
                }

                waiting.TrySetResult();
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            },
            stop.Token);
        await waiting.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private static async Task<GenieApiException> UntilNotReadyAsync(GenieClient client)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                await client.GetReadinessAsync();
            }
            catch (GenieApiException e)
            {
                return e;
            }

            DateTime.UtcNow.ShouldBeLessThan(deadline, "/readyz never failed after the loop died");
            await Task.Delay(50);
        }
    }

    /// <summary>A loop that works until the test ends it, by throwing or by returning.</summary>
    private sealed class DoomedLoop(bool throws) : BackgroundService
    {
        private readonly TaskCompletionSource _doom = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Die() => _doom.TrySetResult();

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await _doom.Task.WaitAsync(stoppingToken);
            if (throws)
            {
                throw new InvalidOperationException("the test ended this loop");
            }
        }
    }
}
