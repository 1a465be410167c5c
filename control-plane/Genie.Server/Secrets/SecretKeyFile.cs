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
            // Written whole and flushed to disk under a temporary name, then renamed into place: a crash can leave a
            // stray temporary file but never an empty or torn key file, and secrets sealed later under this key
            // cannot outlive it on disk (PostgreSQL makes their rows durable; this makes the key durable first).
            var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    // Created with the mode, not chmod-ed after: there is no moment when others may read it.
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                using (var stream = new FileStream(temporary, options))
                {
                    stream.Write(System.Text.Encoding.ASCII.GetBytes(key.ToBase64() + "\n"));
                    stream.Flush(flushToDisk: true);
                }

                File.Move(temporary, path, overwrite: false);
                return key;
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another start created it first; its key is the one to use.
            }
            finally
            {
                File.Delete(temporary);
            }
        }

        return SecretKey.FromBase64(File.ReadAllText(path), $"The key file {path}");
    }
}
