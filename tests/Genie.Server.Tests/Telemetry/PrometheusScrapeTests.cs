using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests.Telemetry;

/// <summary>
/// What a real Prometheus scraped from a real Genie agrees with what Genie did: counts equal the runs made, the cron job's
/// delay histogram has samples, the slots gauge went up and came back. Values are read through PromQL over its HTTP API.
/// </summary>
[Collection(ScrapedGenieCollection.Name)]
public sealed class PrometheusScrapeTests(ScrapedGenie genie)
{
    private const string InNs = $"genie_namespace=\"{ScrapedGenie.Ns}\"";
    private static readonly TimeSpan ScrapeLag = TimeSpan.FromSeconds(15);

    private int TickRuns => genie.Runs.Count(r => r.Job == ScrapedGenie.Ticking);

    [Fact]
    public async Task The_run_counter_equals_the_runs_made_and_all_of_them_succeeded()
    {
        genie.Runs.Count.ShouldBe(ScrapedGenie.ChainRuns + TickRuns);
        genie.Runs.ShouldAllBe(r => r.State == "succeeded");

        (await ValueAsync($"sum(genie_runs_total{{{InNs}, genie_run_previous_state=\"none\"}})", genie.Runs.Count))
            .ShouldBe(genie.Runs.Count, "runs created");
        (await ValueAsync($"sum(genie_runs_total{{{InNs}, genie_run_state=\"succeeded\"}})", genie.Runs.Count))
            .ShouldBe(genie.Runs.Count, "runs succeeded");
        (await ValueAsync($"sum(genie_tasks_total{{{InNs}, genie_task_state=\"succeeded\"}})", ScrapedGenie.ChainRuns * 2 + TickRuns))
            .ShouldBe(ScrapedGenie.ChainRuns * 2 + TickRuns, "task instances succeeded");
    }

    [Fact]
    public async Task Durations_and_delays_have_one_sample_per_run_attempt_and_hand_off()
    {
        var chain = $"{InNs}, genie_job=\"{ScrapedGenie.Chain}\", genie_outcome=\"succeeded\"";
        (await ValueAsync($"sum(genie_run_duration_seconds_count{{{chain}}})", ScrapedGenie.ChainRuns)).ShouldBe(ScrapedGenie.ChainRuns);
        // Each chain run slept two seconds in its first task.
        (await ValueAsync($"sum(genie_run_duration_seconds_sum{{{chain}}})", ScrapedGenie.ChainRuns * 2))
            .ShouldBeGreaterThanOrEqualTo(ScrapedGenie.ChainRuns * 2.0);
        var attempts = ScrapedGenie.ChainRuns * 2 + TickRuns;
        (await ValueAsync($"sum(genie_task_duration_seconds_count{{{InNs}}})", attempts)).ShouldBe(attempts);
        (await ValueAsync($"sum(genie_run_first_task_start_delay_seconds_count{{{InNs}}})", genie.Runs.Count)).ShouldBe(genie.Runs.Count);
        (await ValueAsync($"sum(genie_task_hand_off_latency_seconds_count{{{InNs}}})", ScrapedGenie.ChainRuns)).ShouldBe(ScrapedGenie.ChainRuns);
    }

    [Fact]
    public async Task The_cron_jobs_schedule_delay_histogram_has_samples_and_hangfire_counted_its_ticks()
    {
        var ticks = $"{InNs}, genie_job=\"{ScrapedGenie.Ticking}\", genie_outcome=\"created\"";
        (await ValueAsync($"sum(genie_schedule_delay_seconds_count{{{ticks}}})", TickRuns)).ShouldBe(TickRuns);
        var buckets = await genie.Prometheus.QueryAsync($"genie_schedule_delay_seconds_bucket{{{ticks}}}");
        buckets.ShouldContain(b => b.Labels["le"] == "+Inf" && b.Value == TickRuns);
        (await ValueAsync("sum(genie_hangfire_jobs_total{genie_hangfire_job=\"ScheduleTickJob\", genie_outcome=\"succeeded\"})", TickRuns))
            .ShouldBeGreaterThanOrEqualTo(TickRuns);
    }

    [Fact]
    public async Task The_slots_gauge_went_up_while_tasks_ran_and_back_down_after()
    {
        var peak = await ValueAsync("max_over_time(genie_executor_slots{genie_slot_state=\"used\"}[10m])", 1, atLeast: true);
        peak.ShouldBeGreaterThanOrEqualTo(1);
        (await ValueAsync("genie_executor_slots{genie_slot_state=\"used\"}", 0)).ShouldBe(0);
        (await ValueAsync("sum(genie_executor_slots)", 4)).ShouldBe(4, "free and used add up to the slots configured (4 by default)");
    }

    /// <summary>The one value of <paramref name="promql"/> once Prometheus has scraped it as <paramref name="expected"/> (or the last one seen).</summary>
    private async Task<double> ValueAsync(string promql, double expected, bool atLeast = false)
    {
        var samples = await genie.Prometheus.QueryUntilAsync(promql,
            s => s.Count == 1 && (atLeast ? s[0].Value >= expected : s[0].Value == expected), ScrapeLag);
        samples.Count.ShouldBe(1, $"`{promql}` should answer one series");
        return samples[0].Value;
    }
}
