using Genie.Server.Executors.Local;
using OpenTelemetry.Resources;

namespace Genie.Server.Telemetry;

/// <summary>Names this replica as the service instance, so each replica's series stay apart (the same id its attempts record).</summary>
public sealed class ReplicaResource(LocalReplica replica) : IResourceDetector
{
    public Resource Detect() => new([new KeyValuePair<string, object>("service.instance.id", replica.Id)]);
}
