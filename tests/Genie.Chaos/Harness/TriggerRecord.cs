namespace Genie.Chaos.Harness;

/// <summary>One trigger of the load (one idempotency key): every run id it was answered with (2xx) and every refusal.</summary>
public sealed class TriggerRecord(string job, string key)
{
    private readonly List<string> _runIds = [];
    private readonly List<string> _refusals = [];

    public string Job { get; } = job;

    public string Key { get; } = key;

    public IReadOnlyList<string> RunIds
    {
        get
        {
            lock (_runIds)
            {
                return _runIds.ToList();
            }
        }
    }

    /// <summary>Why requests were not answered 2xx: a status code, `connection` or `timeout`.</summary>
    public IReadOnlyList<string> Refusals
    {
        get
        {
            lock (_runIds)
            {
                return _refusals.ToList();
            }
        }
    }

    public bool Answered => RunIds.Count > 0;

    public void Answer(string runId)
    {
        lock (_runIds)
        {
            _runIds.Add(runId);
        }
    }

    public void Refuse(string why)
    {
        lock (_runIds)
        {
            _refusals.Add(why);
        }
    }
}
