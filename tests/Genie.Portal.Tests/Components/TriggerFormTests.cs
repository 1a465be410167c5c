using System.Text.Json;
using Bunit;
using Genie.Client.Contracts;
using Genie.Portal.Jobs;
using MudBlazor;
using MudBlazor.Extensions;

namespace Genie.Portal.Tests.Components;

/// <summary>The trigger form is built from the job's declared params: types, enums, defaults and required ones.</summary>
public sealed class TriggerFormTests
{
    private static readonly JobResource Job = new(
        "analytics", "nightly-etl", null, new Dictionary<string, string>(), 1, "hash", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch,
        JsonDocument.Parse("""
            {"apiVersion": "genie.dev/v1", "kind": "Job", "metadata": {"name": "nightly-etl", "namespace": "analytics"},
             "spec": {"params": {
                "date": {"type": "string", "required": true, "description": "Day to load"},
                "region": {"type": "string", "default": "eu", "enum": ["eu", "us"], "required": false},
                "shards": {"type": "integer", "default": 4, "required": false},
                "dryRun": {"type": "boolean", "default": false, "required": false}},
              "tasks": [{"name": "load", "command": ["true"]}]}}
            """).RootElement);

    [Fact]
    public async Task Each_param_gets_the_input_of_its_type_with_its_default()
    {
        await using var context = PortalTestContext.Create();
        context.Render<MudPopoverProvider>();

        var form = context.Render<TriggerForm>(p => p.Add(f => f.Job, Job));

        form.FindComponents<MudSelect<string>>().Single().Instance.GetState(x => x.Value).ShouldBe("eu");
        form.FindComponents<MudSwitch<bool>>().Single().Instance.GetState(x => x.Value).ShouldBeFalse();
        var texts = form.FindComponents<MudTextField<string>>().ToDictionary(t => t.Instance.Label ?? "");
        texts.Keys.ShouldBe(["date *", "shards"], ignoreOrder: true);
        texts["shards"].Instance.GetState(x => x.Value).ShouldBe("4");
        texts["shards"].Instance.InputType.ShouldBe(InputType.Number);
        texts["date *"].Instance.HelperText.ShouldBe("string · Day to load");
    }

    [Fact]
    public async Task A_missing_required_param_and_a_bad_number_are_shown_at_their_paths_without_a_request()
    {
        await using var context = PortalTestContext.Create();
        context.Render<MudPopoverProvider>();
        var form = context.Render<TriggerForm>(p => p.Add(f => f.Job, Job));
        var shards = form.FindComponents<MudTextField<string>>().Single(t => t.Instance.Label == "shards");
        await form.InvokeAsync(() => shards.Instance.ValueChanged.InvokeAsync("four"));

        form.Find("[data-testid=trigger]").Click();

        var errors = form.Find("[data-testid=error-list]").TextContent;
        errors.ShouldContain("body.params.date: required");
        errors.ShouldContain("body.params.shards: must be a whole number");
    }

    [Fact]
    public async Task What_was_typed_survives_the_page_rendering_the_form_again()
    {
        await using var context = PortalTestContext.Create();
        context.Render<MudPopoverProvider>();
        var form = context.Render<TriggerForm>(p => p.Add(f => f.Job, Job));
        var date = form.FindComponents<MudTextField<string>>().Single(t => t.Instance.Label == "date *");
        await form.InvokeAsync(() => date.Instance.ValueChanged.InvokeAsync("2026-12-01"));

        form.Render(p => p.Add(f => f.Job, Job with { }));

        form.FindComponents<MudTextField<string>>().Single(t => t.Instance.Label == "date *").Instance.GetState(x => x.Value).ShouldBe("2026-12-01");
    }
}
