namespace Genie.Core.Events;

/// <summary>An event about one job (its versions and schedule ticks): ordered and keyed by `namespace/name`.</summary>
public interface IJobEvent : IGenieEvent
{
    string Namespace { get; }

    string Job { get; }

    static string IGenieEvent.AggregateType => "job";

    string IGenieEvent.AggregateId() => $"{Namespace}/{Job}";
}
