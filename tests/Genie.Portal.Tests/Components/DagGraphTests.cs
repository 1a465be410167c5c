using Bunit;
using Genie.Portal.Graph;

namespace Genie.Portal.Tests.Components;

/// <summary>The DAG graph draws a box per task and an arrow per dependency, marks kinds and states, and reports clicks.</summary>
public sealed class DagGraphTests
{
    private static readonly IReadOnlyList<DagTask> Tasks =
    [
        new("extract", []),
        new("transform", ["extract"], DagTaskKind.Script, Replicas: 4),
        new("report", ["transform"], Optional: true),
        new("downstream", ["transform"], DagTaskKind.Job, "analytics/publish"),
    ];

    [Fact]
    public async Task Every_task_is_a_box_every_dependency_an_arrow_and_kinds_are_marked()
    {
        await using var context = PortalTestContext.Create();

        var graph = context.Render<DagGraph>(p => p.Add(g => g.Tasks, Tasks));

        graph.FindAll("[data-task]").Select(g => g.GetAttribute("data-task")).ShouldBe(["extract", "transform", "report", "downstream"], ignoreOrder: true);
        graph.FindAll("[data-edge]").Select(e => e.GetAttribute("data-edge")).ShouldBe(
            ["extract->transform", "transform->report", "transform->downstream"], ignoreOrder: true);
        var child = graph.Find("[data-task=downstream]");
        child.GetAttribute("data-kind").ShouldBe("job");
        child.TextContent.ShouldContain("job → analytics/publish");
        graph.Find("[data-task=transform]").TextContent.ShouldContain("script · ×4");
        graph.Find("[data-task=report] rect[stroke-dasharray]").ShouldNotBeNull();
        graph.FindAll("[role=button]").ShouldBeEmpty();
    }

    [Fact]
    public async Task On_a_run_boxes_take_their_state_colour_and_a_click_names_the_task()
    {
        await using var context = PortalTestContext.Create();
        var clicked = new List<string>();

        var graph = context.Render<DagGraph>(p => p
            .Add(g => g.Tasks, Tasks)
            .Add(g => g.States, new Dictionary<string, string> { ["extract"] = "succeeded", ["transform"] = "failed" })
            .Add(g => g.Details, new Dictionary<string, string> { ["transform"] = "failed · 1/4 succeeded" })
            .Add(g => g.Selected, "transform")
            .Add(g => g.OnTaskClick, (string task) => clicked.Add(task)));

        var transform = graph.Find("[data-task=transform]");
        transform.GetAttribute("data-state").ShouldBe("failed");
        transform.InnerHtml.ShouldContain("var(--mud-palette-error)");
        transform.TextContent.ShouldContain("failed · 1/4 succeeded");
        transform.GetAttribute("aria-selected").ShouldBe("true");
        graph.Find("[data-task=extract]").InnerHtml.ShouldContain("var(--mud-palette-success)");

        graph.Find("[data-task=transform]").Click();
        graph.Find("[data-task=extract]").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });

        clicked.ShouldBe(["transform", "extract"]);
    }
}
