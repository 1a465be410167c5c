using Genie.Core.Graph;
using Genie.Core.Specs;
using static Genie.Core.Tests.Specs.SpecAssertions;
using static Genie.Core.Tests.Specs.SpecDocuments;

namespace Genie.Core.Tests.Graph;

public class JobGraphTests
{
    private static JobGraphAnalysis Analyze(params (string Name, string[] DependsOn)[] tasks) =>
        JobGraph.Analyze(tasks.Select(t => new GraphNode(t.Name, t.DependsOn)).ToArray());

    [Fact]
    public void Design_example_graph_orders_and_links_tasks()
    {
        var graph = JobGraph.FromTasks(ShouldParse(DesignExample).Spec.Tasks);

        graph.TopologicalOrder.ShouldBe(["extract", "transform", "load", "report", "cleanup", "downstream"]);
        graph.Roots.ShouldBe(["extract"]);
        graph.Leaves.ShouldBe(["report", "cleanup", "downstream"]);
        graph.Upstream("load").ShouldBe(["transform"]);
        graph.Downstream("load").ShouldBe(["report", "cleanup", "downstream"]);
        graph.Ancestors("report").ShouldBe(["extract", "transform", "load"]);
        graph.Descendants("transform").ShouldBe(["load", "report", "cleanup", "downstream"]);
        graph.Contains("load").ShouldBeTrue();
        graph.Contains("nope").ShouldBeFalse();
    }

    [Fact]
    public void Topological_order_puts_upstream_first_and_keeps_declaration_order_for_ties()
    {
        var graph = Analyze(("d", ["c"]), ("c", ["a", "b"]), ("b", []), ("a", []), ("e", [])).Graph!;

        // Whenever several tasks are ready, the earliest declared one goes first: c (declared second)
        // becomes ready after a and overtakes e.
        graph.TopologicalOrder.ShouldBe(["b", "a", "c", "d", "e"]);
        graph.Tasks.ShouldBe(["d", "c", "b", "a", "e"]);
    }

    [Fact]
    public void Long_chains_do_not_recurse()
    {
        var tasks = Enumerable.Range(0, 50_000).Select(i => (Name: $"t{i}", DependsOn: i == 0 ? Array.Empty<string>() : [$"t{i - 1}"])).ToArray();

        var graph = Analyze(tasks).Graph!;

        graph.TopologicalOrder[^1].ShouldBe("t49999");
        graph.Ancestors("t49999").Count.ShouldBe(49_999);
    }

    [Fact]
    public void Long_cycle_is_found_without_recursion()
    {
        var tasks = Enumerable.Range(0, 50_000).Select(i => (Name: $"t{i}", DependsOn: new[] { $"t{(i + 1) % 50_000}" })).ToArray();

        var problem = Analyze(tasks).Problems.Single();

        problem.Kind.ShouldBe(GraphProblemKind.Cycle);
        problem.Message.ShouldStartWith("cycle: t0 → t49999 → t49998");
    }

    [Fact]
    public void Unknown_dependencies_list_the_known_tasks_and_suggest_one()
    {
        var problem = Analyze(("extract", []), ("transform", ["extract"]), ("load", ["transform"]), ("report", ["lod"])).Problems.Single();

        problem.ShouldBe(new GraphProblem(GraphProblemKind.UnknownTask, 3, 0,
            "task `lod` does not exist (did you mean `load`?); known tasks: extract, transform, load, report"));
    }

    [Fact]
    public void Self_and_duplicate_dependencies_are_problems()
    {
        var problems = Analyze(("a", []), ("b", ["a", "b", "a"])).Problems;

        problems.ShouldBe([
            new GraphProblem(GraphProblemKind.SelfDependency, 1, 1, "task `b` cannot depend on itself"),
            new GraphProblem(GraphProblemKind.DuplicateDependency, 1, 2, "`a` is listed twice"),
        ]);
    }

    [Fact]
    public void Duplicate_task_names_are_problems() =>
        Analyze(("a", []), ("a", [])).Problems.Single().ShouldBe(
            new GraphProblem(GraphProblemKind.DuplicateTask, 1, null, "task name `a` is already used by tasks[0]"));

    [Fact]
    public void A_cycle_is_reported_once_starting_at_its_first_task_in_flow_direction()
    {
        // a runs after c, b after a, c after b: work flows a → b → c → a.
        var problems = Analyze(("a", ["c"]), ("b", ["a"]), ("c", ["b"]), ("d", ["c"])).Problems;

        problems.ShouldBe([new GraphProblem(GraphProblemKind.Cycle, 0, 0, "cycle: a → b → c → a")]);
    }

    [Fact]
    public void Each_distinct_cycle_is_reported_once()
    {
        var problems = Analyze(("a", ["b", "c"]), ("b", ["a"]), ("c", ["a"]), ("x", ["y"]), ("y", ["x"]), ("z", [])).Problems;

        problems.Select(p => p.Message).ShouldBe(["cycle: a → b → a", "cycle: a → c → a", "cycle: x → y → x"]);
        problems.Select(p => (p.TaskIndex, p.DependencyIndex)).ShouldBe([(0, 0), (0, 1), (3, 0)]);
    }

    [Fact]
    public void Invalid_graphs_have_no_graph() =>
        Analyze(("a", ["b"]), ("b", ["a"])).Graph.ShouldBeNull();

    [Fact]
    public void From_tasks_refuses_a_cycle() =>
        Should.Throw<ArgumentException>(() => JobGraph.FromTasks([
            new TaskSpec { Name = "a", DependsOn = ["b"], Command = ["echo"] },
            new TaskSpec { Name = "b", DependsOn = ["a"], Command = ["echo"] },
        ])).Message.ShouldContain("cycle: a → b → a");

    [Fact]
    public void Unknown_lookup_names_throw() =>
        Should.Throw<KeyNotFoundException>(() => Analyze(("a", [])).Graph!.Upstream("b"));

    [Fact]
    public void Spec_errors_point_at_the_dependency_entry()
    {
        var errors = ShouldFail(WithTasks("""
            - {name: extract, command: [echo]}
            - {name: transform, command: [echo], dependsOn: [extract]}
            - {name: load, command: [echo], dependsOn: [lod]}
            """));

        errors.ShouldBe([new SpecError("spec.tasks[2].dependsOn[0]", "task `lod` does not exist (did you mean `load`?); known tasks: extract, transform, load")]);
    }

    [Fact]
    public void Spec_cycle_errors_point_at_the_closing_entry()
    {
        var errors = ShouldFail(WithTasks("""
            - {name: a, command: [echo], dependsOn: [x, c]}
            - {name: b, command: [echo], dependsOn: [a]}
            - {name: c, command: [echo], dependsOn: [b]}
            - {name: x, command: [echo]}
            """));

        errors.ShouldBe([new SpecError("spec.tasks[0].dependsOn[1]", "cycle: a → b → c → a")]);
    }

    [Fact]
    public void Spec_self_duplicate_and_name_errors_have_paths()
    {
        var errors = ShouldFail(WithTasks("""
            - {name: a, command: [echo], dependsOn: [a]}
            - {name: b, command: [echo], dependsOn: [a, a]}
            - {name: b, command: [echo]}
            """));

        errors.ShouldBe([
            new SpecError("spec.tasks[0].dependsOn[0]", "task `a` cannot depend on itself"),
            new SpecError("spec.tasks[1].dependsOn[1]", "`a` is listed twice"),
            new SpecError("spec.tasks[2].name", "task name `b` is already used by spec.tasks[1]"),
        ]);
    }

    [Fact]
    public void Dependencies_on_tasks_with_invalid_names_are_not_reported_twice()
    {
        var errors = ShouldFail(WithTasks("- {name: Extract, command: [echo]}\n- {name: load, command: [echo], dependsOn: [Extract]}"));

        errors.Single().Path.ShouldBe("spec.tasks[0].name");
    }

    [Fact]
    public void Too_many_dependencies_are_rejected()
    {
        var names = Enumerable.Range(0, 101).Select(i => $"t{i}").ToList();
        var tasks = string.Join("\n", names.Select(n => $"- {{name: {n}, command: [echo]}}")) +
                    $"\n- {{name: last, command: [echo], dependsOn: [{string.Join(", ", names)}]}}";

        ShouldFailOnlyAt(WithTasks(tasks), "spec.tasks[101].dependsOn", "lists 101 tasks; at most 100 are allowed");
    }
}
