namespace Genie.Server.Secrets.Kubernetes;

/// <summary>Kubernetes' copy of Genie's secrets could not be made to match. Names Secrets and reasons, never a value.</summary>
public sealed class KubernetesSyncException(string message) : Exception(message);
