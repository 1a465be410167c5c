using Genie.Server;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

var builder = WebApplication.CreateBuilder(args);
builder.AddGenie();

var app = builder.Build();
app.UseGenie();

app.Lifetime.ApplicationStarted.Register(() =>
{
    var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
    foreach (var address in addresses)
    {
        // A plain line people (and the restart test) can read among the JSON logs.
        Console.WriteLine($"Genie is listening on {address}");
    }
});

await app.RunAsync();

/// <summary>Entry point; public so WebApplicationFactory can host the server in tests.</summary>
public partial class Program;
