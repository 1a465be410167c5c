namespace Genie.Core.Events;

/// <summary>An event about one run (and its tasks and attempts): ordered and keyed by the run's id.</summary>
public interface IRunEvent : IGenieEvent
{
    Guid RunId { get; }

    static string IGenieEvent.AggregateType => "run";

    string IGenieEvent.AggregateId() => RunId.ToString();
}
