using Genie.Core.Specs;
using static Genie.Core.Tests.Specs.SpecAssertions;
using static Genie.Core.Tests.Specs.SpecDocuments;

namespace Genie.Core.Tests.Specs;

public class SpecLimitsTests
{
    [Fact]
    public void Defaults_are_the_documented_numbers()
    {
        var limits = SpecLimits.Default;

        (limits.MaxDocumentBytes, limits.MaxDepth, limits.MaxNodes, limits.MaxTasks, limits.MaxReplicas)
            .ShouldBe((262_144, 32, 50_000, 500, 1_000));
        (limits.MaxParams, limits.MaxStringBytes, limits.MaxLabels, limits.MaxDependsOn, limits.MaxErrors)
            .ShouldBe((100, 65_536, 64, 100, 100));
        new SpecLimits().ShouldBe(SpecLimits.Default);
    }

    [Fact]
    public void Limits_can_be_set_like_configuration_binding_does()
    {
        var limits = new SpecLimits();
        typeof(SpecLimits).GetProperty(nameof(SpecLimits.MaxTasks))!.SetValue(limits, 3);

        limits.MaxTasks.ShouldBe(3);
        ShouldFailOnlyAt(WithTasks("- {name: a, command: [echo]}\n- {name: b, command: [echo]}\n- {name: c, command: [echo]}\n- {name: d, command: [echo]}"),
            "spec.tasks", "has 4 tasks; at most 3 are allowed", limits: limits);
    }

    [Fact]
    public void Each_limit_is_enforced_where_configured()
    {
        ShouldFailOnlyAt(WithTask("command: [echo]"), "", "at most 100 are allowed", limits: SpecLimits.Default with { MaxDocumentBytes = 100 });
        ShouldFail(WithTask("command: [echo]"), limits: SpecLimits.Default with { MaxDepth = 3 }).Single().Message.ShouldContain("deeper than 3 levels");
        ShouldFail(WithTask("command: [echo]"), limits: SpecLimits.Default with { MaxNodes = 10 }).Single().Message.ShouldContain("more than 10 values");
        ShouldFailOnlyAt(WithTask("command: [echo, abcdefghijklm]"), "spec.tasks[0].command[1]", "is longer than 12 bytes", limits: SpecLimits.Default with { MaxStringBytes = 12 });
        ShouldFailOnlyAt(WithTask("command: [echo]", "params: {a: ~, b: ~}"), "spec.params", "at most 1 are allowed", limits: SpecLimits.Default with { MaxParams = 1 });
        ShouldFailOnlyAt(Job("tasks: [{name: a, command: [e]}, {name: b, command: [e]}, {name: c, command: [e], dependsOn: [a, b]}]"), "spec.tasks[2].dependsOn", "at most 1 are allowed",
            limits: SpecLimits.Default with { MaxDependsOn = 1 });
        ShouldFail(WithTask("command: [echo]\nreplicas: 0\ntimeout: x\npriority: y"), limits: SpecLimits.Default with { MaxErrors = 1 })
            .ShouldBe([new SpecError("spec.tasks[0].replicas", "must be between 1 and 1000, got 0"), new SpecError("", "2 more errors not shown; fix these first")]);
    }
}
