namespace Genie.Portal.Jobs;

/// <summary>What happened to a line between two texts; <see cref="Absent"/> pads one side where the other has lines it lacks.</summary>
public enum LineChange
{
    Unchanged,
    Deleted,
    Inserted,
    Modified,
    Absent,
}
