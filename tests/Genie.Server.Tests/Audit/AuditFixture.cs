using System.Net;
using Genie.Client;
using Genie.Client.Contracts;
using Genie.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Genie.Server.Tests.Audit;

/// <summary>
/// A server for the audit tests whose requests all come from <see cref="SourceAddress"/>, with the Airflow listener's
/// route mapped (its Airflow is unreachable; no run here uses it).
/// </summary>
public sealed class AuditFixture : IAsyncLifetime
{
    /// <summary>
    /// The actor every call of these tests is recorded under. The one place to change when the tests' requests carry
    /// an identity (authentication makes it `key:...` or `jwt:...`).
    /// </summary>
    public static string ExpectedActor => TestCredentials.AdminActor;

    public const string ListenerToken = "audit-listener-token";

    public static readonly IPAddress SourceAddress = IPAddress.Parse("203.0.113.9");

    public GenieApp App { get; } = new GenieApp()
        .With("Genie:Airflow:BaseUrl", "http://127.0.0.1:9/")
        .With("Genie:Airflow:ListenerToken", ListenerToken)
        .WithServices(services => services.AddSingleton<IStartupFilter>(new FixedRemoteAddress(SourceAddress)));

    /// <summary>The audit rows of namespace <paramref name="ns"/> in the order they happened.</summary>
    public async Task<List<AuditRecordResource>> RowsAsync(string ns)
    {
        var page = await App.CreateGenieClient().ListAuditAsync(new AuditListQuery(Namespace: ns, Limit: 500));
        page.NextCursor.ShouldBeNull();
        return page.Items.Reverse().ToList();
    }

    public Task InitializeAsync() => App.InitializeAsync();

    public Task DisposeAsync() => App.DisposeAsync().AsTask();
}
