using Genie.Server.Health;
using Genie.Server.Store;

namespace Genie.Server.Kafka;

/// <summary>Wires the Kafka relay when `Genie:Kafka:BootstrapServers` is set or `Genie:Kafka:Mode` is Cdc; otherwise nothing of Kafka runs.</summary>
public static class KafkaRegistration
{
    public static WebApplicationBuilder AddKafkaRelay(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var section = builder.Configuration.GetSection(KafkaOptions.Section);
        services.AddOptions<KafkaOptions>().Bind(section)
            .Validate(o => !o.Enabled || Uri.TryCreate(o.SchemaRegistryUrl, UriKind.Absolute, out _),
                "Genie:Kafka:SchemaRegistryUrl must be the Schema Registry's URL when Genie:Kafka:BootstrapServers is set or Genie:Kafka:Mode is Cdc.")
            .Validate(o => o.Mode != KafkaRelayMode.Cdc || !string.IsNullOrWhiteSpace(o.CdcSlotName),
                "Genie:Kafka:CdcSlotName must name the Debezium connector's replication slot when Genie:Kafka:Mode is Cdc.")
            .Validate(o => o.BatchSize is > 0 and <= 10_000, "Genie:Kafka:BatchSize must be between 1 and 10000.")
            .Validate(o => o.MessageTimeout > TimeSpan.Zero, "Genie:Kafka:MessageTimeout must be positive.")
            .ValidateOnStart();
        if (section.Get<KafkaOptions>() is not { Enabled: true })
        {
            return builder;
        }

        services.AddSingleton<KafkaRelayStore>();
        services.AddSingleton<KafkaRelayStatus>();
        services.AddSingleton<IReadinessDetail>(sp => sp.GetRequiredService<KafkaRelayStatus>());
        services.AddSingleton<KafkaEventEncoder>();
        if (section.Get<KafkaOptions>()!.Mode == KafkaRelayMode.Cdc)
        {
            services.AddSingleton<IEventDelivery, CdcOutboxWriter>();
        }
        else
        {
            services.AddSingleton<IEventDelivery, KafkaEventPublisher>();
        }

        services.AddSingleton<KafkaBacklogSampler>();
        services.AddHostedService<AfterDatabase<KafkaBacklogSampler>>();
        services.AddSingleton<KafkaRelay>();
        services.AddWatchedLoop<KafkaRelay>(KafkaRelay.LoopName);
        return builder;
    }
}
