using Genie.Server.Executors.Airflow.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Genie.Server.Tests.Executors.Airflow;

/// <summary>An <see cref="AirflowClient"/> pointed at a fake Airflow, with retry delays short enough for tests.</summary>
public static class TestAirflowClient
{
    public static AirflowClient For(FakeAirflow airflow, Action<AirflowOptions>? adjust = null, TimeProvider? time = null, HttpMessageHandler? handler = null)
    {
        var options = new AirflowOptions
        {
            BaseUrl = airflow.BaseUrl,
            Username = FakeAirflow.Username,
            Password = FakeAirflow.Password,
            RequestTimeout = TimeSpan.FromSeconds(10),
            MaxRetries = 4,
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        };
        adjust?.Invoke(options);
        return Create(options, time, handler);
    }

    public static AirflowClient Create(AirflowOptions options, TimeProvider? time = null, HttpMessageHandler? handler = null) => new(
        handler is null ? new HttpClient() : new HttpClient(handler),
        Options.Create(options),
        time ?? TimeProvider.System,
        NullLogger<AirflowClient>.Instance);
}
