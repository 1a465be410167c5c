namespace Genie.Core.Specs.Binding;

/// <summary>
/// Binds the settings that describe where and how a process runs (image, env, secrets, resources, node
/// selector, tolerations), shared by <c>spec.defaults</c> and by tasks.
/// </summary>
internal static class WorkloadBinder
{
    /// <summary>The field names these settings use.</summary>
    public static readonly string[] Fields = ["image", "resources", "env", "secrets", "nodeSelector", "tolerations"];

    private const string ReservedPrefix = "GENIE_";
    private static readonly string[] SecretFields = ["name", "key", "env"];
    private static readonly string[] ResourceFields = ["cpu", "memory", "limits"];
    private static readonly string[] LimitFields = ["cpu", "memory"];
    private static readonly string[] TolerationFields = ["key", "operator", "value", "effect"];

    /// <summary>Binds <c>spec.defaults</c>.</summary>
    public static TaskDefaults Defaults(BindingContext context, Field field)
    {
        var o = context.Read.Object(field, Fields);
        if (o is null)
        {
            return TaskDefaults.Empty;
        }

        var env = Env(context, o["env"], new HashSet<string>());
        return new TaskDefaults
        {
            Image = Image(context, o["image"]),
            Resources = Resources(context, o["resources"]),
            Env = env,
            Secrets = Secrets(context, o["secrets"], env.Keys.ToHashSet()),
            NodeSelector = NodeSelector(context, o["nodeSelector"]),
            Tolerations = Tolerations(context, o["tolerations"]),
        };
    }

    /// <summary>An image reference: no whitespace outside placeholders.</summary>
    public static string? Image(BindingContext context, Field field)
    {
        var image = context.Read.NonBlankString(field);
        if (image is null)
        {
            return null;
        }

        context.CheckPlaceholders(field, image);
        var outsidePlaceholders = ParamReference.Substitute(image, _ => "x");
        if (outsidePlaceholders.Any(char.IsWhiteSpace))
        {
            context.Read.Error(field, $"`{QuotedText.Of(image)}` is not an image reference: it contains whitespace");
        }

        return ParamReference.Normalize(image);
    }

    /// <summary>
    /// Environment variables; values may hold placeholders, names may not start with GENIE_ nor repeat a
    /// variable an inherited secret already sets.
    /// </summary>
    public static Dictionary<string, string> Env(BindingContext context, Field field, IReadOnlySet<string> secretEnvs) =>
        context.Read.Map(
            field,
            name => EnvNameProblem(name) ?? (secretEnvs.Contains(name) ? $"`{name}` is already set by a secret in spec.secrets or spec.defaults.secrets" : null),
            f => context.Read.RequiredItem(f, context.Template),
            "strings");

    /// <summary>
    /// <c>spec.secrets</c>: like <c>spec.defaults.secrets</c>, so its variables may not repeat one the defaults set
    /// (by env or by secret).
    /// </summary>
    public static List<SecretRef> JobSecrets(BindingContext context, Field field, TaskDefaults defaults) =>
        Secrets(context, field, defaults.Env.Keys.Concat(defaults.Secrets.Select(s => s.Env)).ToHashSet());

    /// <summary>Secret references with distinct environment variables that no env entry sets as well.</summary>
    public static List<SecretRef> Secrets(BindingContext context, Field field, IReadOnlySet<string> envNames)
    {
        var read = context.Read;
        var envs = new HashSet<string>(StringComparer.Ordinal);
        return read.List(field, item =>
        {
            var o = read.Object(item, SecretFields, required: true);
            if (o is null)
            {
                return null;
            }

            var name = read.Name(o["name"], SpecNames.IsDns1123Subdomain, "a secret name", SpecNames.Dns1123SubdomainRule, required: true);
            var key = read.Name(o["key"], SpecNames.IsSecretKey, "a secret key", SpecNames.SecretKeyRule, required: true);
            var env = read.String(o["env"], required: true);
            if (env is not null && EnvNameProblem(env) is { } problem)
            {
                read.Error(o["env"], problem);
                env = null;
            }
            else if (env is not null && !envs.Add(env))
            {
                read.Error(o["env"], $"`{env}` is already set by another secret");
                env = null;
            }
            else if (env is not null && envNames.Contains(env))
            {
                read.Error(o["env"], $"`{env}` is also set in env: a variable comes from one place only");
                env = null;
            }

            return name is null || key is null || env is null ? null : new SecretRef(name, key, env);
        }, "secret references");
    }

    /// <summary>Requests and limits; a limit may not be below its request.</summary>
    public static ResourceSpec? Resources(BindingContext context, Field field)
    {
        var read = context.Read;
        var o = read.Object(field, ResourceFields);
        if (o is null)
        {
            return null;
        }

        var cpu = read.Quantity(o["cpu"]);
        var memory = read.Quantity(o["memory"]);
        var l = read.Object(o["limits"], LimitFields);
        var limits = l is null ? null : new ResourceLimits(read.Quantity(l["cpu"]), read.Quantity(l["memory"]));
        if (l is not null)
        {
            CheckLimit(read, l["cpu"], cpu, limits!.Cpu);
            CheckLimit(read, l["memory"], memory, limits.Memory);
        }

        return new ResourceSpec(cpu, memory, limits);
    }

    /// <summary>Node labels as Kubernetes label keys and values.</summary>
    public static Dictionary<string, string> NodeSelector(BindingContext context, Field field) => LabelMap(context.Read, field);

    /// <summary>A map of Kubernetes label keys to label values, as used by labels and node selectors.</summary>
    public static Dictionary<string, string> LabelMap(FieldReader read, Field field) =>
        read.Map(field, LabelKeyProblem, f => read.RequiredItem(f, (value, _) => LabelValue(read, value)), "label values");

    /// <summary>Tolerations, following Kubernetes' rules for key, operator and value.</summary>
    public static List<Toleration> Tolerations(BindingContext context, Field field)
    {
        var read = context.Read;
        return read.List(field, item =>
        {
            var o = read.Object(item, TolerationFields, required: true);
            if (o is null)
            {
                return null;
            }

            var key = read.Name(o["key"], SpecNames.IsLabelKey, "a taint key", SpecNames.LabelKeyRule);
            var op = o.Has("operator") ? read.Word(o["operator"], SpecVocabulary.TolerationOperator) : TolerationOperator.Equal;
            var value = LabelValue(read, o["value"]);
            var effect = read.Word(o["effect"], SpecVocabulary.TaintEffect);
            if (op == TolerationOperator.Exists && !string.IsNullOrEmpty(value))
            {
                read.Error(o["value"], "must be empty when `operator` is Exists");
            }

            if (key is null && !o.Has("key") && op == TolerationOperator.Equal)
            {
                read.Error(o["key"], "is required unless `operator` is Exists");
            }

            return op is { } known ? new Toleration(key, known, value, effect) : null;
        }, "tolerations");
    }

    /// <summary>Why <paramref name="name"/> cannot be an environment variable, or null.</summary>
    public static string? EnvNameProblem(string name) =>
        !SpecNames.IsEnvVarName(name) ? SpecNames.Explain(name, "an environment variable name", SpecNames.EnvVarRule)
        : name.StartsWith(ReservedPrefix, StringComparison.OrdinalIgnoreCase) ? $"`{name}` is reserved: names starting with {ReservedPrefix} are set by Genie"
        : null;

    /// <summary>Why <paramref name="key"/> cannot be a label key, or null.</summary>
    public static string? LabelKeyProblem(string key) =>
        SpecNames.IsLabelKey(key) ? null : SpecNames.Explain(key, "a label key", SpecNames.LabelKeyRule);

    /// <summary>A label value (possibly empty).</summary>
    public static string? LabelValue(FieldReader read, Field field)
    {
        if (field.IsAbsent)
        {
            return null;
        }

        return read.Name(field, SpecNames.IsLabelValue, "a label value", SpecNames.LabelValueRule);
    }

    private static void CheckLimit(FieldReader read, Field limitField, Quantity? request, Quantity? limit)
    {
        if (request is not null && limit is not null && limit.Value < request.Value)
        {
            read.Error(limitField, $"limit `{limit.Text}` is below the request `{request.Text}`");
        }
    }
}
