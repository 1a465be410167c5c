namespace Genie.Core.Specs.Binding;

/// <summary>Binds a task's <c>job</c> block: the child job to trigger and the params to pass it.</summary>
internal static class ChildJobBinder
{
    private static readonly string[] Fields = ["name", "namespace", "params", "wait"];

    /// <summary>The child job, or null when it has errors.</summary>
    public static ChildJobSpec? Bind(BindingContext context, Field field)
    {
        var read = context.Read;
        var o = read.Object(field, Fields);
        if (o is null)
        {
            return null;
        }

        var name = read.Name(o["name"], SpecNames.IsDns1123Label, "a job name", SpecNames.Dns1123LabelRule, required: true);
        var ns = read.Name(o["namespace"], SpecNames.IsDns1123Label, "a namespace", SpecNames.Dns1123LabelRule);
        var parameters = read.Map(
            o["params"],
            key => SpecNames.IsParamName(key) ? null : SpecNames.Explain(key, "a param name", SpecNames.ParamNameRule),
            f => read.RequiredItem(f, context.Template),
            "strings");
        var wait = read.Boolean(o["wait"]) ?? true;
        if (name is not null && context.Metadata is { } self && name == self.Name && (ns is null || ns == self.Namespace))
        {
            read.Error(o["name"], "a job cannot trigger itself");
        }

        return name is null ? null : new ChildJobSpec(name, ns, parameters, wait);
    }
}
