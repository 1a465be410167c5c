using Genie.Server.Store.Embedded;

namespace Genie.Chaos.Harness;

/// <summary>
/// A small tmpfs mounted on an empty folder for one scenario and unmounted after it, so a full disk hits that folder
/// alone and nothing else on the machine. Mounting needs root (or password-less sudo); without it the scenario fails
/// saying so rather than pass untested.
/// </summary>
public sealed class TmpfsMount : IAsyncDisposable
{
    private static readonly int[] ChunkBytes = [64 * 1024, 4096, 512];
    private readonly string _filler;

    private TmpfsMount(string path)
    {
        Path = path;
        _filler = System.IO.Path.Combine(path, "filler.bin");
    }

    public string Path { get; }

    public static async Task<TmpfsMount> MountAsync(string path, int megabytes, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(path);
        await RunAsync("mount", ["-t", "tmpfs", "-o", $"size={megabytes}m,mode=0755", "tmpfs", path], cancellationToken);
        return new TmpfsMount(path);
    }

    /// <summary>Writes a file until the filesystem has no space left, down to its last page; its size in bytes.</summary>
    public async Task<long> FillAsync(CancellationToken cancellationToken)
    {
        await using var file = new FileStream(_filler, FileMode.Append, FileAccess.Write, FileShare.Read, 1, useAsync: false);
        foreach (var size in ChunkBytes)
        {
            var chunk = new byte[size];
            try
            {
                while (true)
                {
                    await file.WriteAsync(chunk, cancellationToken);
                    await file.FlushAsync(cancellationToken);
                }
            }
            catch (IOException)
            {
                // ENOSPC for this chunk size: smaller ones fill what is left.
            }
        }

        return file.Length;
    }

    /// <summary>Frees the space <see cref="FillAsync"/> took.</summary>
    public void Free() => File.Delete(_filler);

    public async ValueTask DisposeAsync()
    {
        // Lazily, so a process that still has a file open there cannot keep the mount around.
        await RunAsync("umount", ["-l", Path], CancellationToken.None);
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var result = Environment.UserName == "root"
            ? await HostCommand.RunAsync(program, arguments, cancellationToken)
            : await HostCommand.RunAsync("sudo", ["-n", program, .. arguments], cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"{program} {string.Join(' ', arguments)} failed ({result.ExitCode}); the full-disk scenario needs root or password-less sudo: {result.Output}");
        }
    }
}
