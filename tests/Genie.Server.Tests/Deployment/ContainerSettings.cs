namespace Genie.Server.Tests.Deployment;

/// <summary>One environment variable a container gets, as the configuration key .NET reads from it.</summary>
public sealed record ContainerSetting(string Variable, string Key, EnvSource Source);

/// <summary>
/// The configuration a chart gives a .NET container, read as the host reads environment variables: `__` separates
/// sections, so `Genie__Airflow__BaseUrl` is the key `Genie:Airflow:BaseUrl`.
/// </summary>
public static class ContainerSettings
{
    public static IReadOnlyList<ContainerSetting> Of(RenderedChart chart, string deployment) =>
        chart.Environment(chart.Get("Deployment", deployment))
            .Select(e => new ContainerSetting(e.Key, e.Key.Replace("__", ":", StringComparison.Ordinal), e.Value))
            .ToList();

    /// <summary>
    /// The settings that are neither a key of <paramref name="options"/> nor one of the <paramref name="others"/>
    /// (keys read by something else than Genie's options, each with the reason the chart sets it).
    /// </summary>
    public static IReadOnlyList<string> Unknown(
        IEnumerable<ContainerSetting> settings, OptionKeys options, IReadOnlyDictionary<string, string> others) =>
        settings
            .Where(s => s.Key.StartsWith("Genie:", StringComparison.OrdinalIgnoreCase)
                ? !options.IsKnown(s.Key)
                : !others.Keys.Any(other => other.EndsWith(':')
                    ? s.Key.StartsWith(other, StringComparison.OrdinalIgnoreCase)
                    : string.Equals(other, s.Key, StringComparison.OrdinalIgnoreCase)))
            .Select(s => s.Variable)
            .ToList();
}
