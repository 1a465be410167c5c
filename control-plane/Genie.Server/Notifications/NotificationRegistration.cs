using Genie.Server.Health;
using Genie.Server.Store;

namespace Genie.Server.Notifications;

/// <summary>Wires `spec.notify`: recording deliveries with state changes, the sender loop and its HTTP client.</summary>
public static class NotificationRegistration
{
    public static WebApplicationBuilder AddNotifications(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<NotificationOptions>(builder.Configuration.GetSection(NotificationOptions.Section));
        services.AddSingleton<NotificationStore>();
        services.AddSingleton<RunNotifications>();
        services.AddSingleton<WebhookCall>();
        // Genie calls webhooks from its own network: it follows no redirect, so a URL checked at apply is the one called.
        services.AddHttpClient(WebhookCall.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<NotificationSender>();
        services.AddWatchedLoop<NotificationSender>(NotificationSender.LoopName);
        return builder;
    }
}
