using Genie.Server.Health;

namespace Genie.Server.Events;

/// <summary>Adds the live event stream: its settings and the one listener that fans events out to every client.</summary>
public static class EventStreamRegistration
{
    public static WebApplicationBuilder AddEventStream(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<EventStreamOptions>(builder.Configuration.GetSection(EventStreamOptions.Section));
        builder.Services.AddSingleton<EventHub>();
        builder.Services.AddSingleton<EventFeed>();
        builder.Services.AddWatchedLoop<EventHub>(EventHub.LoopName);
        return builder;
    }
}
