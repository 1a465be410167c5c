using System.Globalization;
using System.Text;
using Genie.Core.Airflow;
using Genie.Core.Graph;
using Genie.Core.Runs;
using Genie.Core.Specs;
using Xunit.Abstractions;
using State = Genie.Core.Tests.Airflow.AirflowSchedulerModel.State;

namespace Genie.Core.Tests.Airflow;

/// <summary>
/// For many combinations of task outcomes and params, the generated DAG ends every task instance in the
/// state <see cref="RunPlanner"/> gives it, and the DAG run ends as Genie's outcome rule says: the added
/// gates, barriers and outcome task make Airflow's trigger rules compute Genie's semantics.
/// </summary>
public class RunSemanticsTests(ITestOutputHelper output)
{
    private const int ScenariosPerJob = 150;

    public static TheoryData<string> Specs()
    {
        var data = new TheoryData<string>();
        foreach (var name in AirflowSpecs.Golden.Keys)
        {
            data.Add("golden:" + name);
        }

        foreach (var file in AirflowSpecs.ExampleFiles())
        {
            data.Add("example:" + file);
        }

        for (var seed = 0; seed < 25; seed++)
        {
            data.Add("random:" + seed.ToString(CultureInfo.InvariantCulture));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Airflow_reaches_the_states_and_outcome_of_the_local_executor(string source)
    {
        var job = Load(source);
        using var files = new GeneratedFiles();
        var path = files.Write(DagCompiler.Compile(job, 1, new DagCompilerOptions()));
        var dag = DagValues.Read(path, job, AirflowSpecs.SampleParams(job));
        var seed = StableSeed.Of(source);
        output.WriteLine($"seed {seed} (FNV-1a of \"{source}\"): running this case again replays the same {ScenariosPerJob} scenarios");
        var random = new Random(seed);
        var seenOutcomes = new HashSet<RunState>();
        for (var scenario = 0; scenario < ScenariosPerJob; scenario++)
        {
            var parameters = RandomParams(job, random);
            var outcomes = new Dictionary<(string, int), State>();
            State Outcome(string task, int replica)
            {
                if (!outcomes.TryGetValue((task, replica), out var state))
                {
                    state = random.Next(20) switch { < 11 => State.Success, < 17 => State.Failed, _ => State.Skipped };
                    outcomes[(task, replica)] = state;
                }

                return state;
            }

            var genie = Genie(job, parameters, Outcome);
            var airflow = AirflowSchedulerModel.Run(dag, Outcome, gate => Holds(job, gate, parameters));
            var context = $"seed {seed}, scenario {scenario}, params {string.Join(", ", parameters.Select(p => p.Key + "=" + p.Value.ToText()))}, " +
                          $"outcomes {string.Join(", ", outcomes.Select(o => $"{o.Key.Item1}[{o.Key.Item2}]={o.Value}"))}";
            foreach (var task in job.Spec.Tasks)
            {
                var expected = genie.States.Where(i => i.Task == task.Name).OrderBy(i => i.Replica).Select(i => ToModel(i.State)).ToList();
                airflow.States[AirflowTaskIds.For(task.Name)].ShouldBe(expected, $"task {task.Name}: {context}");
            }

            airflow.Succeeded.ShouldBe(genie.Outcome == RunState.Succeeded, context);
            seenOutcomes.Add(genie.Outcome);
        }

        seenOutcomes.ShouldContain(RunState.Failed);
    }

    private static (List<TaskInstance> States, RunState Outcome) Genie(
        JobDefinition job, IReadOnlyDictionary<string, ParamValue> parameters, Func<string, int, State> outcome)
    {
        var graph = JobGraph.FromTasks(job.Spec.Tasks);
        var instances = job.Spec.Tasks.SelectMany(t => Enumerable.Range(0, t.Replicas).Select(r => new TaskInstance(t.Name, r, TaskState.Pending))).ToList();
        while (true)
        {
            var plan = RunPlanner.Plan(job, graph, parameters, instances);
            foreach (var settled in plan.Settle)
            {
                instances[instances.FindIndex(i => i.Task == settled.Task && i.Replica == settled.Replica)] = new(settled.Task, settled.Replica, settled.State);
            }

            if (plan.Outcome is { } done)
            {
                return (instances, done);
            }

            foreach (var start in plan.Start)
            {
                var state = outcome(AirflowTaskIds.For(start.Task), start.Replica) switch
                {
                    State.Success => TaskState.Succeeded,
                    State.Failed => TaskState.Failed,
                    _ => TaskState.Skipped,
                };
                instances[instances.FindIndex(i => i.Task == start.Task && i.Replica == start.Replica)] = new(start.Task, start.Replica, state);
            }
        }
    }

    private static bool Holds(JobDefinition job, string gate, IReadOnlyDictionary<string, ParamValue> parameters) =>
        job.Spec.Tasks.Single(t => AirflowTaskIds.WhenGate(t.Name) == gate).When
            .All(c => c.IsSatisfiedBy(parameters.GetValueOrDefault(c.Param)));

    private static State ToModel(TaskState state) => state switch
    {
        TaskState.Succeeded => State.Success,
        TaskState.Failed => State.Failed,
        TaskState.Skipped => State.Skipped,
        TaskState.UpstreamFailed => State.UpstreamFailed,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "not a final state"),
    };

    // Each param takes one of its enum values, its default, a condition operand, or (when allowed) no value.
    private static IReadOnlyDictionary<string, ParamValue> RandomParams(JobDefinition job, Random random)
    {
        var values = new Dictionary<string, ParamValue>(StringComparer.Ordinal);
        foreach (var (name, param) in job.Spec.Params)
        {
            var candidates = param.Enum.Concat(job.Spec.Tasks.SelectMany(t => t.When).Where(c => c.Param == name).SelectMany(c => c.Values))
                .Append(param.Default).Where(v => v is not null).Cast<ParamValue>().Distinct().ToList();
            if (candidates.Count == 0)
            {
                candidates.Add(AirflowSpecs.SampleParams(job).GetValueOrDefault(name) ?? new ParamValue.Text("x"));
            }

            var pick = random.Next(candidates.Count + (param.Required ? 0 : 1));
            if (pick < candidates.Count)
            {
                values[name] = candidates[pick];
            }
        }

        return values;
    }

    private static JobDefinition Load(string source)
    {
        var (kind, name) = (source[..source.IndexOf(':', StringComparison.Ordinal)], source[(source.IndexOf(':', StringComparison.Ordinal) + 1)..]);
        return kind switch
        {
            "golden" => AirflowSpecs.Parse(AirflowSpecs.Golden[name]),
            "example" => AirflowSpecs.Example(name),
            _ => AirflowSpecs.Parse(RandomSpec(int.Parse(name, CultureInfo.InvariantCulture))),
        };
    }

    // A random DAG: every task depends on up to three earlier ones, with random runIf, optional,
    // replicas and conditions.
    private static string RandomSpec(int seed)
    {
        var random = new Random(seed);
        var yaml = new StringBuilder("""
            apiVersion: genie.dev/v1
            kind: Job
            metadata: {name: random, namespace: default}
            spec:
              params: {flag: {type: boolean, default: true}, level: {type: integer}}
              defaults: {image: "busybox:1.36"}
              tasks:

            """);
        var count = random.Next(3, 10);
        for (var i = 0; i < count; i++)
        {
            var dependsOn = Enumerable.Range(0, i).Where(_ => random.Next(3) == 0).Take(3).Select(d => $"t{d}").ToList();
            var runIf = dependsOn.Count == 0 ? "always" : random.Next(5) switch { < 3 => "success", 3 => "failure", _ => "always" };
            var when = random.Next(10) switch
            {
                < 2 => ", when: [{param: flag, equals: true}]",
                2 => ", when: [{param: level, in: [1, 2]}]",
                3 => ", when: [{param: level, notEquals: 2}, {param: flag, equals: false}]",
                _ => "",
            };
            yaml.Append(CultureInfo.InvariantCulture,
                $"    - {{name: t{i}, dependsOn: [{string.Join(", ", dependsOn)}], runIf: {runIf}, optional: {(random.Next(4) == 0 ? "true" : "false")}, " +
                $"replicas: {random.Next(1, 4)}{when}, command: [\"true\"]}}\n");
        }

        return yaml.ToString();
    }
}
