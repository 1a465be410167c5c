using Genie.Server.Executors.Local;

namespace Genie.Server.Tests.Executors.Local;

/// <summary>Argv reaches the program exactly as given: no shell parses what a user wrote.</summary>
public sealed class TaskArgumentTests : IDisposable
{
    private readonly TaskSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Every_argv_element_arrives_verbatim()
    {
        string[] arguments =
        [
            "two words", "it's \"quoted\"", "$(whoami)", "`id`", "a;b", "*", "$HOME", "x && y | z", "-n", "",
        ];

        await _sandbox.RunAsync(_sandbox.Launch(["printf", "[%s]\\n", .. arguments]));

        _sandbox.Output("stdout").ShouldBe(arguments.Select(a => $"[{a}]"));
    }

    [Fact]
    public async Task A_newline_inside_an_argument_stays_inside_it()
    {
        await _sandbox.RunAsync(_sandbox.Launch("printf", "<%s>\\n", "first line\nsecond line"));

        _sandbox.Output("stdout").ShouldBe(["<first line", "second line>"]);
    }

    [Fact]
    public async Task The_program_name_is_looked_up_on_PATH_and_never_runs_a_shell_builtin()
    {
        // As a builtin, "exit 3" would end the wrapper before it records anything.
        var outcome = await _sandbox.RunAsync(_sandbox.Launch("exit", "3"));

        outcome.ExitCode.ShouldBe(127);
        ExitCodeFile.TryRead(_sandbox.ExitCodePath).ShouldBe(127);
    }
}
