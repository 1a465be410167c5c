using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Genie.Cli.Connection;

/// <summary>
/// Reads and writes the config file, `$XDG_CONFIG_HOME/genie/config.yaml` (else `~/.config/genie/config.yaml`).
/// It holds credentials, so it is written with mode 600 in a folder of mode 700.
/// </summary>
public static class ContextStore
{
    private static readonly IDeserializer Reader = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance).IgnoreUnmatchedProperties().Build();

    private static readonly ISerializer Writer = new SerializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull).Build();

    public static string FilePath
    {
        get
        {
            var root = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } xdg
                ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
            return Path.Combine(root, "genie", "config.yaml");
        }
    }

    public static async Task<ContextConfig> LoadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(FilePath))
        {
            return new ContextConfig();
        }

        var text = await File.ReadAllTextAsync(FilePath, cancellationToken);
        try
        {
            return Reader.Deserialize<ContextConfig?>(text) ?? new ContextConfig();
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new UsageException($"{FilePath} is not a valid config file: {e.Message}");
        }
    }

    public static async Task SaveAsync(ContextConfig config, CancellationToken cancellationToken)
    {
        var path = FilePath;
        var dir = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(dir);
        var temp = path + ".tmp";
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

            // Created private before the key is written into it, so no other user can ever read it.
            await using (File.Create(temp))
            {
            }

            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        await File.WriteAllTextAsync(temp, Writer.Serialize(config), cancellationToken);
        File.Move(temp, path, overwrite: true);
    }
}
