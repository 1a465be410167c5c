namespace Genie.Client.Contracts;

/// <summary>One job of a group trigger: its run, or the problem that kept it from having one (required params, say).</summary>
public sealed record GroupTriggeredJob(string Job, RunResource? Run, ApiProblem? Problem);
