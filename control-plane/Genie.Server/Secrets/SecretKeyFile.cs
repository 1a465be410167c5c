namespace Genie.Server.Secrets;

/// <summary>
/// The embedded default's key: `secrets.key` in the data dir, generated on first start and readable by Genie's user
/// only (mode 0600), so a single machine needs no configuration and the key never lies in the database beside the
/// ciphertext it opens.
/// </summary>
public static class SecretKeyFile
{
    public const string FileName = "secrets.key";

    // Synchronous: it runs once, while the key ring is built at start, and reads a few dozen bytes.
    public static SecretKey ReadOrCreate(string dataDir)
    {
        var path = Path.Combine(dataDir, FileName);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(dataDir);
            var key = SecretKey.Generate();
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    // Created with the mode, not chmod-ed after: there is no moment when others may read it.
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                using var stream = new FileStream(path, options);
                using var writer = new StreamWriter(stream);
                writer.WriteLine(key.ToBase64());
                return key;
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another start created it first; its key is the one to use.
            }
        }

        return SecretKey.FromBase64(File.ReadAllText(path), $"The key file {path}");
    }
}
