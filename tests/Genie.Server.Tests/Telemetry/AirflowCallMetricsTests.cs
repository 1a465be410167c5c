using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using Genie.Server.Executors.Airflow.Client;
using Genie.Server.Telemetry;
using Genie.Server.Tests.Executors.Airflow;
using Microsoft.Extensions.DependencyInjection;

namespace Genie.Server.Tests.Telemetry;

/// <summary>Calls to Airflow are counted once per call (its retries inside), by the client method and the final outcome.</summary>
public sealed class AirflowCallMetricsTests
{
    [Fact]
    public async Task An_unreachable_airflow_counts_one_failed_call_named_by_its_operation()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var services = TestAirflowClient.Services(new AirflowOptions
        {
            BaseUrl = $"http://127.0.0.1:{closedPort}",
            MaxRetries = 2,
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        });
        var calls = new List<(string Operation, string Outcome)>();
        using var meter = new MeterListener();
        meter.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, services.GetRequiredService<IMeterFactory>())
                && instrument.Meter.Name == GenieInstruments.MeterName && instrument.Name == "genie.airflow.client.calls")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        meter.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            var labels = tags.ToArray().ToDictionary(t => t.Key, t => t.Value as string);
            lock (calls)
            {
                calls.Add((labels["genie.airflow.operation"]!, labels["genie.outcome"]!));
            }
        });
        meter.Start();

        await Should.ThrowAsync<AirflowUnavailableException>(() =>
            services.GetRequiredService<AirflowClient>().GetImportErrorsAsync(CancellationToken.None));

        calls.ShouldBe([("GetImportErrorsAsync", nameof(AirflowUnavailableException))]);
    }
}
