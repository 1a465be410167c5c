using System.Globalization;
using Genie.Core.Scheduling;
using Genie.Server.Scheduling;
using Genie.Server.Tests.Infrastructure;
using Hangfire;
using Hangfire.Common;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Genie.Server.Tests.Scheduling;

/// <summary>
/// The fire times the API shows (Cronos, <see cref="CronFireTimes"/>) are the ones Hangfire fires at: each case
/// is handed to Hangfire's own recurring job manager, whose cron library computes each next execution, and the
/// two lists must be the same, DST gaps and repeats included.
/// </summary>
public sealed class HangfireAgreementTests : IAsyncLifetime
{
    // Nothing may fire these past schedules, so this app runs no Hangfire server; its storage is all it needs.
    private readonly GenieApp _app = new GenieApp().With("Genie:Scheduling:Enabled", "false");

    public static TheoryData<string, string, string, int> Cases => new()
    {
        { "30 2 * * *", "Europe/Berlin", "2025-03-28T12:00:00", 4 }, // spring gap: fires at the jump
        { "30 2 * * *", "Europe/Berlin", "2025-10-24T12:00:00", 4 }, // autumn repeat: fires once
        { "0 * * * *", "Europe/Berlin", "2025-03-29T23:30:00", 4 }, // hourly loses an hour
        { "0 * * * *", "Europe/Berlin", "2025-10-25T23:30:00", 4 }, // hourly fires in both repeated hours
        { "0 2 * * *", "Europe/Berlin", "2026-03-29T00:30:00", 5 },
        { "0 2 * * *", "Europe/Berlin", "2026-10-25T00:30:00", 5 },
        { "30 1 * * *", "America/New_York", "2025-11-01T12:00:00", 3 },
        { "0 12 31 * *", "UTC", "2025-01-01T00:00:00", 4 },
        { "0 0 29 2 *", "UTC", "2025-01-01T00:00:00", 2 },
        { "15 9 * * 1-5", "UTC", "2025-06-06T10:00:00", 3 },
        { "30 6 * * 5-7", "UTC", "2025-06-06T10:00:00", 4 },
        { "0 8 * * 7", "UTC", "2025-06-06T10:00:00", 2 },
        { "0 9-17/4 * JAN,JUL *", "UTC", "2025-06-06T00:00:00", 4 },
        { "*/20 * * * *", "UTC", "2025-06-06T10:05:00", 4 },
        { "@hourly", "UTC", "2025-06-06T10:05:00", 2 },
        { "@weekly", "UTC", "2025-06-06T10:05:00", 2 },
        { "@yearly", "UTC", "2025-06-06T10:05:00", 2 },
        { "0 9 * * *", "Asia/Kolkata", "2025-06-06T00:00:00", 2 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Hangfire_fires_at_the_times_the_api_shows(string cron, string zone, string afterUtc, int count)
    {
        var schedule = CronSchedule.Parse(cron);
        var after = DateTimeOffset.Parse(afterUtc + "Z", CultureInfo.InvariantCulture);

        var shown = CronFireTimes.Next(schedule, zone, after, count);

        HangfireNext(schedule, zone, after, count).ShouldBe(shown.Select(t => t.UtcDateTime).ToList());
    }

    // A recurring job created at `now` fires first at the next occurrence after `now` less a second, so each step
    // creates one a second after the previous fire time and reads back what Hangfire will fire it at.
    private List<DateTime> HangfireNext(CronSchedule schedule, string zone, DateTimeOffset after, int count)
    {
        var storage = _app.Services.GetRequiredService<JobStorage>();
        var times = new List<DateTime>();
        var cursor = after.UtcDateTime;
        for (var i = 0; i < count; i++)
        {
            var now = cursor.AddSeconds(1);
            var id = $"agreement {Guid.NewGuid():N}";
            new RecurringJobManager(storage, JobFilterProviders.Providers, new DefaultTimeZoneResolver(), () => now).AddOrUpdate(id,
                Job.FromExpression<ScheduleTickJob>(tick => tick.FireAsync("agreement", "job", null, CancellationToken.None)),
                schedule.Expression,
                new RecurringJobOptions { TimeZone = CronFireTimes.Zone(zone) });
            using var connection = storage.GetConnection();
            cursor = connection.GetRecurringJobs([id]).Single().NextExecution!.Value;
            times.Add(cursor);
        }

        return times;
    }

    public Task InitializeAsync() => _app.InitializeAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();
}
