using System.Diagnostics;
using System.Globalization;
using System.Text;
using Genie.Benchmarks.Harness;
using Genie.Core.Airflow;
using Genie.Core.Specs;
using Genie.Server.Executors.Airflow;

namespace Genie.Benchmarks.Compilation;

/// <summary>
/// Compiles a seeded corpus of varied specs into Airflow DAG files in-process, as the server's DAG
/// publication does (parsed spec, job version, the server's default compiler options): throughput, output
/// size and byte-identical output on recompilation; plus parse and validate times of very large specs.
/// </summary>
public sealed class DagCompilationBenchmark : IBenchmark
{
    private const int Seed = 20_240_601;
    private const string Area = "DAG compilation";

    string IBenchmark.Area => Area;

    public int Order => 30;

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var count = context.Settings.Size(10_000, 200);
        var documents = SpecCorpus.Generate(count, Seed);
        var options = new AirflowExecutionOptions().CompilerOptions;
        var jobs = ParseAll(documents, cancellationToken);
        var corpus = $"{count:N0} varied specs, 1–50 tasks (seed {Seed})";

        // An untimed pass over part of the corpus, so the rounds measure compiled code rather than the JIT.
        CompileAll(jobs[..Math.Min(count, 500)], options, cancellationToken);

        // Each round keeps only the SHA-256 of every file (the compiler's own ContentHash): holding the sources
        // themselves (half a gigabyte) would make the garbage collector part of what the rounds measure.
        string[]? reference = null;
        long bytes = 0;
        var rounds = await context.RoundsAsync(round =>
        {
            var parse = Rate(count, () => ParseAll(documents, cancellationToken));
            CompiledDag[] dags = [];
            var compile = Rate(count, () => dags = CompileAll(jobs, options, cancellationToken));
            if (reference is null)
            {
                reference = dags.Select(d => d.ContentHash).ToArray();
                bytes = dags.Sum(d => (long)Encoding.UTF8.GetByteCount(d.Source));
            }
            else if (Identical(reference, dags) != count)
            {
                throw new InvalidOperationException($"round {round} compiled different output than round 0");
            }

            return Task.FromResult((Parse: parse, Compile: compile));
        });
        Add(context, "compile throughput", Samples.Median(rounds.Select(r => r.Compile)), "specs/s", Better.Higher,
            corpus + "; DagCompiler.Compile only");
        Add(context, "parse + validate throughput", Samples.Median(rounds.Select(r => r.Parse)), "specs/s", Better.Higher,
            corpus + "; YAML → JobDefinition");
        Add(context, "output size, total", bytes / 1_000_000.0, "MB", Better.Lower, corpus);
        Add(context, "output size, mean per DAG", (double)bytes / count, "bytes", Better.Lower, corpus);

        // Starts again from the YAML text, so the check covers parsing as well as compiling.
        var identical = Identical(reference!, CompileAll(ParseAll(documents, cancellationToken), options, cancellationToken));
        Add(context, "recompiled output byte-identical", identical, "DAGs", Better.Higher,
            $"identical: {identical}/{count} (SHA-256 of each file vs the first round, after parsing the YAML again); output digest {Digest(reference!)}");
        if (identical != count)
        {
            throw new InvalidOperationException($"recompiling gave different output for {count - identical} of {count} specs");
        }

        await LargeSpecsAsync(context, options, cancellationToken);
    }

    private static async Task LargeSpecsAsync(BenchContext context, DagCompilerOptions options, CancellationToken cancellationToken)
    {
        var raised = SpecLimits.Default with { MaxDocumentBytes = int.MaxValue, MaxNodes = int.MaxValue, MaxTasks = int.MaxValue };
        foreach (var tasks in new[] { context.Settings.Size(1_000, 100), context.Settings.Size(10_000, 1_000) })
        {
            var yaml = LargeSpecs.Chain(tasks);
            var job = Parse(yaml, raised);
            var times = await context.RoundsAsync(_ => Task.FromResult((
                Parse: Milliseconds(() => Parse(yaml, raised)),
                Compile: Milliseconds(() => DagCompiler.Compile(job, 1, options)))));
            var size = $"{tasks:N0}-task chain, {Encoding.UTF8.GetByteCount(yaml) / 1024:N0} KB of YAML; limits raised";
            Add(context, $"parse + validate one {tasks:N0}-task spec", Samples.Median(times.Select(t => t.Parse)), "ms", Better.Lower, size);
            Add(context, $"compile one {tasks:N0}-task spec", Samples.Median(times.Select(t => t.Compile)), "ms", Better.Lower, size);
        }

        // A document far past the task limit must be refused in time proportional to its size.
        var huge = context.Settings.Size(100_000, 10_000);
        var hugeYaml = LargeSpecs.Chain(huge);
        var onlyTaskLimit = SpecLimits.Default with { MaxDocumentBytes = int.MaxValue, MaxNodes = int.MaxValue };
        var refusal = await context.RoundsAsync(_ => Task.FromResult(Milliseconds(() => ExpectErrors(hugeYaml, onlyTaskLimit, "at most 500 are allowed"))));
        Add(context, $"refuse a {huge:N0}-task spec at the task limit", Samples.Median(refusal), "ms", Better.Lower,
            $"{Encoding.UTF8.GetByteCount(hugeYaml) / 1_000_000.0:0.#} MB of YAML; document and node limits raised, task limit 500");

        // Within the default limits: every unknown dependency used to search all task names for a hint.
        var unknownYaml = LargeSpecs.UnknownDependencies(230, 100);
        var unknown = await context.RoundsAsync(_ => Task.FromResult(Milliseconds(() => ExpectErrors(unknownYaml, SpecLimits.Default, "does not exist"))));
        Add(context, "refuse 230 tasks × 100 unknown dependencies", Samples.Median(unknown), "ms", Better.Lower,
            $"{Encoding.UTF8.GetByteCount(unknownYaml) / 1024:N0} KB of YAML, default limits");
    }

    /// <summary>One short hash over every file's hash: equal digests between two commits mean the compiler's output did not change.</summary>
    private static string Digest(string[] hashes) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', hashes))))[..16];

    private static int Identical(string[] reference, CompiledDag[] dags) =>
        Enumerable.Range(0, reference.Length).Count(i => reference[i] == dags[i].ContentHash);

    private static JobDefinition[] ParseAll(IReadOnlyList<string> documents, CancellationToken cancellationToken)
    {
        var jobs = new JobDefinition[documents.Count];
        for (var i = 0; i < documents.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            jobs[i] = Parse(documents[i], SpecLimits.Default, $"generated spec {i}");
        }

        return jobs;
    }

    private static CompiledDag[] CompileAll(JobDefinition[] jobs, DagCompilerOptions options, CancellationToken cancellationToken)
    {
        var dags = new CompiledDag[jobs.Length];
        for (var i = 0; i < jobs.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // Versions vary too: the version is part of the file (tags, DAG docs), as with the server.
            dags[i] = DagCompiler.Compile(jobs[i], i % 9 + 1, options);
        }

        return dags;
    }

    private static JobDefinition Parse(string yaml, SpecLimits limits, string what = "large spec")
    {
        var result = JobSpecParser.Parse(yaml, SpecFormat.Yaml, limits);
        return result.IsValid
            ? result.Job!
            : throw new InvalidOperationException($"{what} is invalid: " + string.Join("; ", result.Errors.Take(5)) + "\n" + yaml);
    }

    private static void ExpectErrors(string yaml, SpecLimits limits, string expected)
    {
        var result = JobSpecParser.Parse(yaml, SpecFormat.Yaml, limits);
        if (!result.Errors.Any(e => e.Message.Contains(expected, StringComparison.Ordinal)))
        {
            throw new InvalidOperationException($"expected an error containing `{expected}`, got: " + string.Join("; ", result.Errors.Take(3)));
        }
    }

    private static double Rate(int items, Action work) => items / (Milliseconds(work) / 1000);

    private static double Milliseconds(Action work)
    {
        var clock = Stopwatch.StartNew();
        work();
        return clock.Elapsed.TotalMilliseconds;
    }

    private static void Add(BenchContext context, string metric, double value, string unit, Better better, string note) =>
        context.Results.Add(new BenchResult(Area, metric, ResultTable.Genie, value, unit, better, Note: note));
}
