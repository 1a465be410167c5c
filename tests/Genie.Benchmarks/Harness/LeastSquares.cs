namespace Genie.Benchmarks.Harness;

/// <summary>The slope of the straight line that fits measured points best (ordinary least squares), for trends such as memory over time.</summary>
public static class LeastSquares
{
    public static double Slope(IReadOnlyList<(double X, double Y)> points)
    {
        if (points.Count < 2)
        {
            throw new InvalidOperationException("A slope needs at least two points.");
        }

        var meanX = points.Average(p => p.X);
        var meanY = points.Average(p => p.Y);
        var spread = points.Sum(p => (p.X - meanX) * (p.X - meanX));
        return spread == 0
            ? throw new InvalidOperationException("A slope needs points at more than one x.")
            : points.Sum(p => (p.X - meanX) * (p.Y - meanY)) / spread;
    }
}
