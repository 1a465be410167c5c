namespace Genie.Server.Executors.Local;

/// <summary>
/// Reads one of the program's output pipes to its end and writes it to the attempt log line by line,
/// splitting lines longer than the limit.
/// </summary>
internal sealed class OutputPump
{
    private const int ReadSize = 64 * 1024;

    private readonly Stream _pipe;
    private readonly LogStream _stream;
    private readonly AttemptLogWriter _log;
    private readonly byte[] _line;
    private int _lineLength;

    private OutputPump(Stream pipe, LogStream stream, AttemptLogWriter log, int maxLineBytes)
    {
        _pipe = pipe;
        _stream = stream;
        _log = log;
        _line = new byte[maxLineBytes];
    }

    /// <summary>Completes at the end of the pipe, or when <paramref name="stop"/> fires (a final partial line is still written).</summary>
    public static Task RunAsync(Stream pipe, LogStream stream, AttemptLogWriter log, int maxLineBytes, CancellationToken stop) =>
        new OutputPump(pipe, stream, log, maxLineBytes).PumpAsync(stop);

    private async Task PumpAsync(CancellationToken stop)
    {
        var buffer = new byte[ReadSize];
        try
        {
            int read;
            while ((read = await _pipe.ReadAsync(buffer, stop).ConfigureAwait(false)) > 0)
            {
                Consume(buffer.AsSpan(0, read));
                _log.Flush();
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Reading was given up on because something outside the process group still holds the pipe.
        }
        catch (IOException)
        {
            // A broken pipe ends the output just like its end does.
        }

        if (_lineLength > 0)
        {
            EmitLine(_lineLength);
        }

        _log.Flush();
    }

    private void Consume(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            var newline = data.IndexOf((byte)'\n');
            Append(newline >= 0 ? data[..newline] : data);
            if (newline < 0)
            {
                return;
            }

            EmitLine(_lineLength);
            data = data[(newline + 1)..];
        }
    }

    private void Append(ReadOnlySpan<byte> segment)
    {
        while (!segment.IsEmpty)
        {
            // Split only when more bytes follow a full line, so a line of exactly the limit stays whole.
            if (_lineLength == _line.Length)
            {
                var cut = Utf8Boundary.CompleteLength(_line);
                EmitLine(cut == 0 ? _line.Length : cut);
            }

            var take = Math.Min(_line.Length - _lineLength, segment.Length);
            segment[..take].CopyTo(_line.AsSpan(_lineLength));
            _lineLength += take;
            segment = segment[take..];
        }
    }

    /// <summary>Writes the first <paramref name="length"/> buffered bytes as a line and keeps the rest for the next one.</summary>
    private void EmitLine(int length)
    {
        _log.WriteLine(_stream, _line.AsSpan(0, length));
        _line.AsSpan(length, _lineLength - length).CopyTo(_line);
        _lineLength -= length;
    }
}
