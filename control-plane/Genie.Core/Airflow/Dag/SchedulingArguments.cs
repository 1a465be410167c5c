using Genie.Core.Airflow.Python;
using Genie.Core.Specs;

namespace Genie.Core.Airflow.Dag;

/// <summary>
/// BaseOperator arguments every Genie task gets from its resolved settings: retries, backoff, the
/// attempt timeout, the trigger rule, priority and pool. Retries and the delay are always written so
/// Airflow's configured defaults (300s delay) never apply; priorities are absolute so Genie's numbers mean
/// the same as with the local executor instead of being summed over downstream tasks.
/// </summary>
internal static class SchedulingArguments
{
    /// <summary>The arguments for <paramref name="node"/>, which runs <paramref name="task"/>.</summary>
    public static IEnumerable<PyKeyword> For(ResolvedTask task, DagNode node, DagContext context)
    {
        var retry = task.Retry;
        yield return new PyKeyword("retries", PyExpr.Int(retry.Limit));
        yield return new PyKeyword("retry_delay", PyValues.TimeDelta(retry.Delay));
        if (retry.Backoff == BackoffKind.Exponential)
        {
            // Up to 3.1 a flag; from 3.2 the multiplier, and Genie doubles.
            yield return new PyKeyword("retry_exponential_backoff",
                context.Options.Target >= AirflowTarget.V3_2 ? PyExpr.Float(2.0) : PyExpr.Bool(true));
            if (retry.MaxDelay is { } maxDelay)
            {
                yield return new PyKeyword("max_retry_delay", PyValues.TimeDelta(maxDelay));
            }
        }

        if (task.Task.Timeout is { } timeout)
        {
            yield return new PyKeyword("execution_timeout", PyValues.TimeDelta(timeout));
        }

        foreach (var keyword in RuleAndPriority(node, task.Priority))
        {
            yield return keyword;
        }

        if (context.Options.Pool is { } pool)
        {
            yield return new PyKeyword("pool", PyExpr.Str(pool));
        }
    }

    /// <summary>Trigger rule and absolute priority, shared with Genie's gates.</summary>
    public static IEnumerable<PyKeyword> RuleAndPriority(DagNode node, int priority)
    {
        yield return new PyKeyword("trigger_rule", PyExpr.Str(node.TriggerRule));
        yield return new PyKeyword("priority_weight", PyExpr.Int(priority));
        yield return new PyKeyword("weight_rule", PyExpr.Str("absolute"));
    }
}
