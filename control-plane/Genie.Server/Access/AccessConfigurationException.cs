namespace Genie.Server.Access;

/// <summary>A `Genie:Auth` setting Genie cannot use; its message names the setting and what it must be.</summary>
public sealed class AccessConfigurationException(string message, Exception? inner = null) : Exception(message, inner);
