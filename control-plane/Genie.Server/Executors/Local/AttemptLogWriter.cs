using System.Globalization;
using System.Text;

namespace Genie.Server.Executors.Local;

/// <summary>
/// Appends "&lt;UTC time&gt; &lt;stream&gt; &lt;text&gt;" lines to an attempt log, shared by the stdout and stderr
/// pumps; stops at the size limit with one marker line.
/// </summary>
internal sealed class AttemptLogWriter : IDisposable
{
    private const string TimestampFormat = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'";
    private const int HeaderCapacity = 64;

    private readonly Lock _gate = new();
    private readonly FileStream _file;
    private readonly TimeProvider _time;
    private readonly long _maxBytes;
    private long _size;
    private bool _full;
    private bool _broken;
    private bool _disposed;

    private AttemptLogWriter(FileStream file, TimeProvider time, long maxBytes)
    {
        _file = file;
        _time = time;
        _maxBytes = maxBytes;
        _size = file.Length;
    }

    /// <summary>Opens (appending) or creates the log and its parent directories.</summary>
    public static AttemptLogWriter Open(string path, TimeProvider time, long maxBytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var file = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Append,
            Access = FileAccess.Write,
            Share = FileShare.Read | FileShare.Delete,
            BufferSize = 64 * 1024,
        });
        return new AttemptLogWriter(file, time, maxBytes);
    }

    /// <summary>Buffers one line; call <see cref="Flush"/> to make it visible to readers.</summary>
    public void WriteLine(LogStream stream, ReadOnlySpan<byte> text)
    {
        lock (_gate)
        {
            if (_full || _broken || _disposed)
            {
                return;
            }

            Span<byte> header = stackalloc byte[HeaderCapacity];
            var headerLength = FormatHeader(header, stream);
            var lineLength = headerLength + text.Length + 1;
            if (_size + lineLength > _maxBytes)
            {
                _full = true;
                WriteMarker();
                return;
            }

            Append(header[..headerLength], text);
        }
    }

    /// <summary>Writes one of Genie's own lines and flushes it.</summary>
    public void WriteNote(string text)
    {
        WriteLine(LogStream.Genie, Encoding.UTF8.GetBytes(text));
        Flush();
    }

    /// <summary>Hands buffered lines to the operating system so that readers of the file see them.</summary>
    public void Flush()
    {
        lock (_gate)
        {
            if (_broken || _disposed)
            {
                return;
            }

            try
            {
                _file.Flush();
            }
            catch (IOException)
            {
                // A full disk must not stop the pumps: they keep draining the pipes so the program never blocks.
                _broken = true;
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            try
            {
                _file.Dispose();
            }
            catch (IOException)
            {
                // The final flush failed (disk full); there is nobody left to tell but the log itself.
            }
        }
    }

    private void WriteMarker()
    {
        Span<byte> header = stackalloc byte[HeaderCapacity];
        var headerLength = FormatHeader(header, LogStream.Genie);
        var text = Encoding.UTF8.GetBytes(
            $"log limit of {_maxBytes.ToString(CultureInfo.InvariantCulture)} bytes reached; further output is dropped");
        Append(header[..headerLength], text);
        try
        {
            _file.Flush();
        }
        catch (IOException)
        {
            _broken = true;
        }
    }

    private void Append(ReadOnlySpan<byte> header, ReadOnlySpan<byte> text)
    {
        try
        {
            _file.Write(header);
            _file.Write(text);
            _file.WriteByte((byte)'\n');
            _size += header.Length + text.Length + 1;
        }
        catch (IOException)
        {
            _broken = true;
        }
    }

    private int FormatHeader(Span<byte> header, LogStream stream)
    {
        _time.GetUtcNow().UtcDateTime.TryFormat(header, out var length, TimestampFormat, CultureInfo.InvariantCulture);
        header[length++] = (byte)' ';
        var name = stream switch
        {
            LogStream.Stdout => "stdout"u8,
            LogStream.Stderr => "stderr"u8,
            _ => "genie"u8,
        };
        name.CopyTo(header[length..]);
        length += name.Length;
        header[length++] = (byte)' ';
        return length;
    }
}
