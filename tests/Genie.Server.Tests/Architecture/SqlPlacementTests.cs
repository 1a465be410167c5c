using System.Text.RegularExpressions;
using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests.Architecture;

/// <summary>
/// All SQL lives under the server's `Store/`, and only the state changer's store writes a `state` column: read from
/// the source, so a query slipped into an endpoint or a state write outside the one door fails here.
/// </summary>
public sealed partial class SqlPlacementTests
{
    private static readonly string ServerRoot = Path.Combine(RepositoryFiles.Root, "control-plane", "Genie.Server");

    [Fact]
    public void No_sql_string_appears_outside_store()
    {
        var offenders = SourceFiles()
            .Where(f => !IsUnder(f, "Store"))
            .SelectMany(f => StringLiterals(File.ReadAllText(f)).Where(IsSql).Select(sql => $"{Relative(f)}: {Shorten(sql)}"))
            .ToList();

        offenders.ShouldBeEmpty();
    }

    [Fact]
    public void Only_the_state_store_updates_a_state_column()
    {
        var writers = SourceFiles()
            .Where(f => StringLiterals(File.ReadAllText(f)).Any(sql => StateUpdate().IsMatch(sql)))
            .Select(Relative)
            .ToList();

        writers.ShouldBe([Path.Combine("Store", "StateStore.cs")]);
    }

    [Fact]
    public void The_checks_recognise_sql_and_state_writes()
    {
        // The detectors themselves, so a regex that matches nothing cannot make the checks above pass vacuously.
        IsSql("select id from runs where id = @id").ShouldBeTrue();
        IsSql("select 1").ShouldBeTrue();
        IsSql("select id, created_at as createdat from runs").ShouldBeTrue();
        IsSql("delete from events where id = 1").ShouldBeTrue();
        IsSql("update run_tasks set attempts = 1").ShouldBeTrue();
        IsSql("The job `{0}` was not found; select another").ShouldBeFalse();
        StateUpdate().IsMatch("update runs r set state = @to, reason = @reason").ShouldBeTrue();
        StateUpdate().IsMatch("update task_attempts set pid = @pid, state='failed'").ShouldBeTrue();
        StateUpdate().IsMatch("update runs set external_state = @state where id = @runId").ShouldBeFalse();
        StringLiterals("var a = \"select 1 from x\"; var b = \"\"\"\n  update runs set state = 'x'\n  \"\"\";").Count().ShouldBe(2);
    }

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(ServerRoot, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsUnder(f, "bin") && !IsUnder(f, "obj"));

    private static bool IsUnder(string file, string folder) =>
        Path.GetRelativePath(ServerRoot, file).Split(Path.DirectorySeparatorChar)[0] == folder;

    private static string Relative(string file) => Path.GetRelativePath(ServerRoot, file);

    private static bool IsSql(string literal) => Sql().IsMatch(literal);

    private static string Shorten(string sql) => sql.Length > 80 ? sql[..80] + "..." : sql;

    /// <summary>The contents of raw (""" ... """) and ordinary string literals of a C# file.</summary>
    private static IEnumerable<string> StringLiterals(string source)
    {
        foreach (Match raw in RawLiteral().Matches(source))
        {
            yield return raw.Groups[1].Value;
        }

        foreach (Match plain in PlainLiteral().Matches(RawLiteral().Replace(source, "")))
        {
            yield return plain.Groups[1].Value;
        }
    }

    [GeneratedRegex("\"\"\"(.*?)\"\"\"", RegexOptions.Singleline)]
    private static partial Regex RawLiteral();

    [GeneratedRegex("\"((?:[^\"\\\\\\n]|\\\\.)*)\"")]
    private static partial Regex PlainLiteral();

    [GeneratedRegex(@"^\s*select\s|\bselect\b[^;]*?\bfrom\s+[a-z_]+|\binsert\s+into\s+\w|\bupdate\s+\w+(\s+\w+)?\s+set\s|\bdelete\s+from\s+\w|\bpg_\w+_lock|\bcreate\s+table", RegexOptions.IgnoreCase)]
    private static partial Regex Sql();

    [GeneratedRegex(@"update\s+(runs|run_tasks|task_attempts)\b(\s+\w+)?\s+set\b[^;]*?(?<![\w.])(\w\.)?state\s*=", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex StateUpdate();
}
