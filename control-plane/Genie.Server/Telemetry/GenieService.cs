namespace Genie.Server.Telemetry;

/// <summary>How Genie names itself to telemetry backends; traces and metrics share it so they meet in one service.</summary>
public static class GenieService
{
    /// <summary>The OpenTelemetry `service.name` resource attribute.</summary>
    public const string Name = "genie";
}
