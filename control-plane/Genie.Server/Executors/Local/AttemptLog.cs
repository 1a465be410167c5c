using System.Buffers;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Genie.Server.Executors.Local;

/// <summary>Reads attempt logs while they are being written and after.</summary>
public static class AttemptLog
{
    private const int BlockSize = 64 * 1024;

    /// <summary>
    /// Up to <paramref name="maxBytes"/> bytes from <paramref name="offset"/>, decoded as UTF-8. A character cut
    /// by the byte limit is left for the next read. A missing file reads as empty.
    /// </summary>
    public static async Task<LogChunk> ReadAsync(string path, long offset, int maxBytes, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);

        using var handle = TryOpen(path);
        var length = handle is null ? 0 : RandomAccess.GetLength(handle);
        if (handle is null || offset >= length)
        {
            return new LogChunk("", offset, true);
        }

        var count = (int)Math.Min(maxBytes, length - offset);
        var buffer = ArrayPool<byte>.Shared.Rent(count);
        try
        {
            var read = await ReadFullyAsync(handle, buffer.AsMemory(0, count), offset, ct).ConfigureAwait(false);
            var usable = Utf8Boundary.CompleteLength(buffer.AsSpan(0, read));

            // A lone incomplete character is returned rather than nothing, or a reader would never get past it.
            if (usable == 0)
            {
                usable = read;
            }

            var next = offset + usable;
            return new LogChunk(Encoding.UTF8.GetString(buffer, 0, usable), next, next >= length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The last <paramref name="lines"/> lines, each with its newline. Reads backwards from the end in blocks, so
    /// the cost follows the size of the answer rather than of the file. A missing file reads as empty.
    /// </summary>
    public static async Task<string> TailAsync(string path, int lines, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegative(lines);

        using var handle = TryOpen(path);
        if (handle is null || lines == 0)
        {
            return "";
        }

        var length = RandomAccess.GetLength(handle);
        var start = await StartOfLastLinesAsync(handle, length, lines, ct).ConfigureAwait(false);
        var bytes = new byte[length - start];
        var read = await ReadFullyAsync(handle, bytes, start, ct).ConfigureAwait(false);
        return Encoding.UTF8.GetString(bytes, 0, read);
    }

    /// <summary>
    /// Streams the log from <paramref name="offset"/> as it grows, until <paramref name="isFinished"/> says the
    /// writer is done and everything up to the end has been passed on. The memory handed to
    /// <paramref name="write"/> is only valid during the call. Throws <see cref="OperationCanceledException"/> when
    /// <paramref name="ct"/> fires.
    /// </summary>
    public static async Task FollowAsync(string path, long offset, Func<CancellationToken, Task<bool>> isFinished,
        Func<ReadOnlyMemory<byte>, CancellationToken, Task> write, TimeSpan pollInterval, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentNullException.ThrowIfNull(isFinished);
        ArgumentNullException.ThrowIfNull(write);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(pollInterval, TimeSpan.Zero);

        var buffer = new byte[BlockSize];
        while (true)
        {
            // Asked before draining: whatever was written before the writer finished is then read below.
            var finished = await isFinished(ct).ConfigureAwait(false);
            offset = await PassOnAsync(path, offset, buffer, write, ct).ConfigureAwait(false);
            if (finished)
            {
                return;
            }

            await Task.Delay(pollInterval, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Passes on everything from <paramref name="offset"/> to the current end; returns the new offset.</summary>
    private static async Task<long> PassOnAsync(string path, long offset, byte[] buffer,
        Func<ReadOnlyMemory<byte>, CancellationToken, Task> write, CancellationToken ct)
    {
        using var handle = TryOpen(path);
        if (handle is null)
        {
            return offset;
        }

        int read;
        while ((read = await RandomAccess.ReadAsync(handle, buffer, offset, ct).ConfigureAwait(false)) > 0)
        {
            await write(buffer.AsMemory(0, read), ct).ConfigureAwait(false);
            offset += read;
        }

        return offset;
    }

    private static async Task<long> StartOfLastLinesAsync(SafeFileHandle handle, long length, int lines, CancellationToken ct)
    {
        var block = new byte[BlockSize];
        var needed = lines;
        var position = length;
        while (position > 0)
        {
            var count = (int)Math.Min(BlockSize, position);
            position -= count;
            await ReadFullyAsync(handle, block.AsMemory(0, count), position, ct).ConfigureAwait(false);
            for (var i = count - 1; i >= 0; i--)
            {
                // The newline that ends the last line does not start another one.
                if (block[i] == (byte)'\n' && position + i != length - 1 && --needed == 0)
                {
                    return position + i + 1;
                }
            }
        }

        return 0;
    }

    private static async Task<int> ReadFullyAsync(SafeFileHandle handle, Memory<byte> buffer, long offset, CancellationToken ct)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await RandomAccess.ReadAsync(handle, buffer[total..], offset + total, ct).ConfigureAwait(false);
            if (read == 0)
            {
                break; // the file shrank meanwhile
            }

            total += read;
        }

        return total;
    }

    private static SafeFileHandle? TryOpen(string path)
    {
        try
        {
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}
