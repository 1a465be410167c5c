using Genie.Core.Airflow.Python;
using Genie.Core.Specs;

namespace Genie.Core.Airflow.Dag;

/// <summary>
/// The <c>DAG(...)</c> call. Genie owns schedules and concurrency policies, so the DAG only runs when
/// Genie triggers it (<c>schedule=None</c>, no catch-up, unpaused from the start); <c>max_active_runs</c>
/// repeats the job's limit as a safety net, and stands at Genie's largest limit where the job sets none
/// (Airflow's default of 16 would make runs wait that Genie lets run). <c>max_active_tasks</c> counts
/// every task instance of a run, so only pools and Airflow's parallelism bound a run, like the local
/// executor's slot pool. The job's timeout becomes <c>dagrun_timeout</c>.
/// </summary>
internal static class DagArguments
{
    /// <summary>Any fixed past date: the DAG never schedules itself.</summary>
    private static readonly PyExpr StartDate = new PyCall(
        PyValues.Name("datetime"), [PyExpr.Int(2024), PyExpr.Int(1), PyExpr.Int(1)],
        [new PyKeyword("tzinfo", new PyAttribute(PyValues.Name("timezone"), "utc"))]);

    /// <summary>The DAG construction, with <paramref name="hashTag"/> among its tags.</summary>
    public static PyCall For(DagContext context, DagPlan plan, string hashTag)
    {
        var job = context.Job;
        var keywords = new List<PyKeyword>
        {
            new("dag_id", PyExpr.Str(DagIds.For(context.Namespace, job.Metadata.Name))),
            new("dag_display_name", PyExpr.Str(context.Namespace + "/" + job.Metadata.Name)),
        };
        if (job.Spec.Description is { } description)
        {
            keywords.Add(new PyKeyword("description", PyExpr.Str(description)));
        }

        keywords.Add(new PyKeyword("schedule", PyExpr.None));
        keywords.Add(new PyKeyword("start_date", StartDate));
        keywords.Add(new PyKeyword("catchup", PyExpr.Bool(false)));
        keywords.Add(new PyKeyword("is_paused_upon_creation", PyExpr.Bool(false)));
        keywords.Add(new PyKeyword("max_active_runs", PyExpr.Int(MaxActiveRuns(job.Spec.Concurrency))));
        keywords.Add(new PyKeyword("max_active_tasks", PyExpr.Int(TaskInstances(job, plan))));
        if (job.Spec.Timeout is { } timeout)
        {
            keywords.Add(new PyKeyword("dagrun_timeout", PyValues.TimeDelta(timeout)));
        }

        keywords.Add(new PyKeyword("tags", PyExpr.StrList(DagTags.For(job, hashTag))));
        if (job.Spec.Params.Count > 0)
        {
            keywords.Add(new PyKeyword("params", ParamDeclarations.For(job.Spec.Params)));
        }

        return PyCall.Of(PyValues.Name("DAG"), keywords, vertical: true);
    }

    private static int MaxActiveRuns(ConcurrencySpec? concurrency) =>
        concurrency is { OnConflict: not ConflictPolicy.Allow } limited ? limited.MaxActiveRuns : ConcurrencySpec.MaxActiveRunsLimit;

    private static int TaskInstances(JobDefinition job, DagPlan plan) =>
        plan.Nodes.Count + job.Spec.Tasks.Sum(t => t.Replicas - 1);
}
