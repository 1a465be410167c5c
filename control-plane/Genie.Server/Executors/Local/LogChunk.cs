namespace Genie.Server.Executors.Local;

/// <summary>A piece of an attempt log read from a byte offset.</summary>
/// <param name="Text">The decoded text.</param>
/// <param name="NextOffset">Byte offset to continue reading from.</param>
/// <param name="EndOfFile">True when <paramref name="NextOffset"/> was the end of the file at the time of reading.</param>
public sealed record LogChunk(string Text, long NextOffset, bool EndOfFile);
