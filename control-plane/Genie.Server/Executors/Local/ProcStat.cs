using System.Globalization;

namespace Genie.Server.Executors.Local;

/// <summary>The fields of /proc/PID/stat that tell whether a process still runs and which group it is in.</summary>
internal sealed record ProcStat(int Pid, char State, int ProcessGroup, int Session)
{
    /// <summary>A zombie has ended but was not reaped yet, which happens to orphans when PID 1 does not reap (containers without an init).</summary>
    public bool HasEnded => State is 'Z' or 'X' or 'x';

    public static ProcStat? TryRead(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return TryParse(text);
    }

    /// <summary>Every process visible in /proc.</summary>
    public static IEnumerable<ProcStat> All()
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && TryRead(pid) is { } stat)
            {
                yield return stat;
            }
        }
    }

    public static ProcStat? TryParse(string text)
    {
        // "pid (comm) state ppid pgrp session ...": comm may hold spaces and parentheses, so fields are counted after the last ')'.
        var commEnd = text.LastIndexOf(')');
        if (commEnd < 0)
        {
            return null;
        }

        var fields = text[(commEnd + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 4
            || !int.TryParse(text.AsSpan(0, text.IndexOf(' ')), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            || !int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var group)
            || !int.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var session))
        {
            return null;
        }

        return new ProcStat(pid, fields[0][0], group, session);
    }
}
