using Genie.Client.Contracts;
using Genie.Core.Airflow;
using Genie.Core.Specs;
using Genie.Server.Jobs;

namespace Genie.Server.Api;

/// <summary>Parses and validates a spec document for a namespace, producing what the store records.</summary>
public static class SpecSubmission
{
    /// <summary>
    /// Parses the document; when <paramref name="expectedName"/> is given (apply), metadata must name that job;
    /// a job that will run on Airflow must also be expressible there.
    /// An omitted metadata.namespace takes <paramref name="ns"/>, so it hashes the same as one that spells it out.
    /// </summary>
    public static (JobSubmission? Submission, IReadOnlyList<FieldError> Errors) Prepare(
        SpecDocument document, string? ns, string? expectedName, SpecLimits limits, ExecutorKind defaultExecutor)
    {
        var parsed = JobSpecParser.Parse(document.Text, document.Format, limits);
        if (!parsed.IsValid)
        {
            return (null, parsed.Errors.Select(e => new FieldError(e.Path, e.Message)).ToList());
        }

        var job = parsed.Job!;
        var errors = new List<FieldError>();
        if (expectedName is not null && job.Metadata.Name != expectedName)
        {
            errors.Add(new FieldError("metadata.name", $"`{job.Metadata.Name}` must equal the job name in the URL (`{expectedName}`)"));
        }

        if (ns is not null && job.Metadata.Namespace is { } declared && declared != ns)
        {
            errors.Add(new FieldError("metadata.namespace", $"`{declared}` must equal the namespace in the URL (`{ns}`) or be omitted"));
        }

        var resolvedNamespace = ns ?? job.Metadata.Namespace ?? "default";
        job = job with { Metadata = job.Metadata with { Namespace = resolvedNamespace } };

        // Airflow cannot express everything the local executor can; such specs are refused up front.
        if ((job.Spec.Executor ?? defaultExecutor) == ExecutorKind.Airflow)
        {
            errors.AddRange(AirflowCompatibility.Check(job).Select(e => new FieldError(e.Path, e.Message)));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new JobSubmission(
            resolvedNamespace,
            job.Metadata.Name,
            job.Metadata.Group,
            job.Metadata.Labels,
            JobCanonicalForm.ContentHash(job),
            JobCanonicalForm.ToJson(job),
            document.Text,
            document.FormatName) { Secrets = SecretUse.Of(job), ForeignChildren = ChildJobUse.OutsideOf(job, resolvedNamespace) }, []);
    }
}
