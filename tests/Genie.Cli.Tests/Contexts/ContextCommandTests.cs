using Genie.Cli.Tests.Infrastructure;
using Genie.Server.Tests.Infrastructure;

namespace Genie.Cli.Tests.Contexts;

/// <summary>`genie context`: contexts in a private config file, and how flags and the environment override them.</summary>
public sealed class ContextCommandTests(CliServer server) : IClassFixture<CliServer>
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Contexts_are_kept_privately_and_used_until_switched()
    {
        var cli = new GenieCli();
        (await cli.RunAsync("context", "set", "here", "--server", server.BaseAddress.ToString(), "--key", TestCredentials.AdminKey, "-n", "ctx")).ExitCode.ShouldBe(0);
        (await cli.RunAsync("context", "set", "nowhere", "--server", "http://127.0.0.1:1", "--key", "x")).ExitCode.ShouldBe(0);

        File.GetUnixFileMode(cli.ConfigFile).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        (await cli.RunAsync("context", "current")).Output.Trim().ShouldBe("here");
        var listed = await cli.RunAsync("context", "list");
        listed.Output.ShouldContain("nowhere");
        listed.Output.ShouldNotContain(TestCredentials.AdminKey);

        var viaContext = await cli.RunAsync("get", "jobs");
        viaContext.ExitCode.ShouldBe(0, viaContext.ToString());

        (await cli.RunAsync("context", "use", "nowhere")).ExitCode.ShouldBe(0);
        (await cli.RunAsync("get", "jobs")).ExitCode.ShouldBe(8);
        (await cli.WithEnvironment("GENIE_CONTEXT", "here").RunAsync("get", "jobs")).ExitCode.ShouldBe(0);
        (await cli.RunAsync("get", "jobs", "--context", "here")).ExitCode.ShouldBe(0);
        (await cli.WithEnvironment("GENIE_SERVER", server.BaseAddress.ToString()).RunAsync("get", "jobs", "--key", TestCredentials.AdminKey)).ExitCode.ShouldBe(0);

        (await cli.RunAsync("context", "delete", "nowhere")).ExitCode.ShouldBe(0);
        (await cli.RunAsync("context", "current")).ExitCode.ShouldBe(3);
        (await cli.RunAsync("context", "use", "nowhere")).ExitCode.ShouldBe(3);
    }
}
