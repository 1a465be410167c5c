namespace Genie.Server.Executors.Local;

/// <summary>Finds where bytes can be cut without splitting a UTF-8 character.</summary>
internal static class Utf8Boundary
{
    /// <summary>
    /// The length of <paramref name="bytes"/> without a trailing, incomplete multi-byte sequence. Bytes that
    /// are simply invalid are kept: trimming them would not help anyone decode them.
    /// </summary>
    public static int CompleteLength(ReadOnlySpan<byte> bytes)
    {
        for (var back = 1; back <= Math.Min(4, bytes.Length); back++)
        {
            var b = bytes[^back];
            if ((b & 0b1100_0000) == 0b1000_0000)
            {
                continue; // continuation byte: the lead byte is further back
            }

            var needed = b switch
            {
                < 0b1000_0000 => 1,
                >= 0b1111_1000 => 0,
                >= 0b1111_0000 => 4,
                >= 0b1110_0000 => 3,
                >= 0b1100_0000 => 2,
                _ => 0,
            };
            return needed > back ? bytes.Length - back : bytes.Length;
        }

        return bytes.Length;
    }
}
