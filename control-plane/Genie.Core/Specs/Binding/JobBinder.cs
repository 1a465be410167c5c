using Genie.Core.Specs.Parsing;

namespace Genie.Core.Specs.Binding;

/// <summary>Binds a whole document (apiVersion, kind, metadata, spec) into a <see cref="JobDefinition"/>.</summary>
internal static class JobBinder
{
    private static readonly string[] RootFields = ["apiVersion", "kind", "metadata", "spec"];
    private static readonly string[] MetadataFields = ["name", "namespace", "group", "labels"];

    private static readonly string[] SpecFields =
    [
        "description", "executor", "schedule", "concurrency", "params", "timeout", "retry", "priority", "defaults", "secrets", "notify", "tasks",
    ];

    /// <summary>The job, built even when errors were reported (the caller discards it then).</summary>
    public static JobDefinition? Bind(BindingContext context, SpecNode root)
    {
        var read = context.Read;
        if (root is not MappingNode)
        {
            read.Error(Field.Root(root), $"the document must be a mapping with apiVersion, kind, metadata and spec, got {root.Description}");
            return null;
        }

        var o = read.Object(Field.Root(root), RootFields)!;
        var apiVersion = Fixed(read, o["apiVersion"], JobDefinition.CurrentApiVersion);
        var kind = Fixed(read, o["kind"], JobDefinition.JobKind);
        var metadata = Metadata(context, o["metadata"]);
        context.Metadata = metadata;
        var spec = Spec(context, o["spec"]);
        return new JobDefinition(apiVersion, kind, metadata, spec);
    }

    private static string Fixed(FieldReader read, Field field, string expected)
    {
        var value = read.String(field, required: true);
        if (value is not null && value != expected)
        {
            read.Error(field, $"`{QuotedText.Of(value)}` is not supported: use {expected}");
        }

        return expected;
    }

    private static JobMetadata Metadata(BindingContext context, Field field)
    {
        var read = context.Read;
        var o = read.Object(field, MetadataFields, required: true);
        if (o is null)
        {
            return new JobMetadata("", null, null, new Dictionary<string, string>());
        }

        var name = read.Name(o["name"], SpecNames.IsDns1123Label, "a job name", SpecNames.Dns1123LabelRule, required: true);
        var ns = read.Name(o["namespace"], SpecNames.IsDns1123Label, "a namespace", SpecNames.Dns1123LabelRule);
        var group = read.Name(o["group"], SpecNames.IsDns1123Label, "a group name", SpecNames.Dns1123LabelRule);
        var labels = WorkloadBinder.LabelMap(read, o["labels"]);
        if (labels.Count > context.Limits.MaxLabels)
        {
            read.Error(o["labels"], $"has {labels.Count} labels; at most {context.Limits.MaxLabels} are allowed");
        }

        return new JobMetadata(name ?? "", ns, group, labels);
    }

    private static JobSpec Spec(BindingContext context, Field field)
    {
        var read = context.Read;
        var o = read.Object(field, SpecFields, required: true);
        if (o is null)
        {
            return new JobSpec();
        }

        // Params first, so every later placeholder and condition can be checked against them.
        ParamBinder.Bind(context, o["params"]);
        var spec = new JobSpec
        {
            Description = read.String(o["description"]),
            Executor = read.Word(o["executor"], SpecVocabulary.Executor),
            Schedule = Schedule(read, o["schedule"]),
            Concurrency = Concurrency(read, o["concurrency"]),
            Params = context.Params,
            Timeout = read.Duration(o["timeout"]),
            Retry = RetryBinder.Bind(read, o["retry"]),
            Priority = (int?)read.Integer(o["priority"], -JobSpec.MaxPriority, JobSpec.MaxPriority) ?? 0,
            Defaults = WorkloadBinder.Defaults(context, o["defaults"]),
            Notify = NotifyBinder.Bind(read, o["notify"]),
        };
        spec = spec with { Secrets = WorkloadBinder.JobSecrets(context, o["secrets"], spec.Defaults) };
        return spec with { Tasks = TaskBinder.BindAll(context, o["tasks"], spec) };
    }

    private static ScheduleSpec? Schedule(FieldReader read, Field field)
    {
        var o = read.Object(field, ["cron", "timezone", "catchUp"]);
        if (o is null)
        {
            return null;
        }

        var cronText = read.String(o["cron"], required: true);
        Scheduling.CronSchedule? cron = null;
        if (cronText is not null && !Scheduling.CronSchedule.TryParse(cronText, out cron, out var error))
        {
            read.Error(o["cron"], error!);
        }

        var timezone = read.String(o["timezone"]);
        if (timezone is not null && NodaTime.DateTimeZoneProviders.Tzdb.GetZoneOrNull(timezone) is null)
        {
            read.Error(o["timezone"], $"`{QuotedText.Of(timezone)}` is not an IANA time zone such as Europe/Berlin or UTC" +
                                      NameSuggestion.Hint(timezone, NodaTime.DateTimeZoneProviders.Tzdb.Ids));
        }

        var catchUp = read.Boolean(o["catchUp"]) ?? false;
        return cron is null ? null : new ScheduleSpec(cron, timezone ?? ScheduleSpec.DefaultTimezone, catchUp);
    }

    private static ConcurrencySpec? Concurrency(FieldReader read, Field field)
    {
        var o = read.Object(field, ["maxActiveRuns", "onConflict", "key"]);
        if (o is null)
        {
            return null;
        }

        var maxActiveRuns = (int?)read.Integer(o["maxActiveRuns"], 1, ConcurrencySpec.MaxActiveRunsLimit) ?? 1;
        var onConflict = o.Has("onConflict") ? read.Word(o["onConflict"], SpecVocabulary.ConflictPolicy) : ConflictPolicy.Queue;
        var key = read.Name(o["key"], SpecNames.IsDns1123Label, "a concurrency key", SpecNames.Dns1123LabelRule);
        return new ConcurrencySpec(maxActiveRuns, onConflict ?? ConflictPolicy.Queue, key);
    }
}
