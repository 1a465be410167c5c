using Genie.Core.Airflow.Python;

namespace Genie.Core.Airflow.Dag;

/// <summary>Python values that occur in several operators: durations and the names the file imports.</summary>
internal static class PyValues
{
    /// <summary><c>timedelta(...)</c> in the largest unit that states <paramref name="duration"/> exactly.</summary>
    public static PyExpr TimeDelta(TimeSpan duration)
    {
        var milliseconds = (long)Math.Round(duration.TotalMilliseconds);
        var (unit, amount) = milliseconds switch
        {
            _ when milliseconds % 86_400_000 == 0 => ("days", milliseconds / 86_400_000),
            _ when milliseconds % 3_600_000 == 0 => ("hours", milliseconds / 3_600_000),
            _ when milliseconds % 60_000 == 0 => ("minutes", milliseconds / 60_000),
            _ when milliseconds % 1_000 == 0 => ("seconds", milliseconds / 1_000),
            _ => ("milliseconds", milliseconds),
        };
        return PyCall.Of("timedelta", new PyKeyword(unit, PyExpr.Int(amount)));
    }

    /// <summary>A class or function the file imports.</summary>
    public static PyExpr Name(string identifier) => new PyName(identifier);

    /// <summary>A class of the Kubernetes client models, imported as <c>k8s</c>.</summary>
    public static PyExpr KubernetesModel(string className) => new PyAttribute(new PyName("k8s"), className);
}
