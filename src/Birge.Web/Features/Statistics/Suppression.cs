namespace Birge.Web.Features.Statistics;

/// <summary>
/// Small counts of people are not published: a cell from 1 to <see cref="Threshold"/> - 1 is shown as suppressed
/// (null), and when a row of cells adds up to a total that is shown, one suppressed cell alone could be worked out by
/// subtraction, so the smallest other non-zero cell is suppressed with it (secondary suppression); when no other cell
/// can be, the total is.
/// </summary>
public static class Suppression
{
    public const int Threshold = 5;

    public static bool IsSmall(long count) => count is > 0 and < Threshold;

    /// <summary>A count on its own.</summary>
    public static long? Cell(long count) => IsSmall(count) ? null : count;

    /// <summary>Cells that add up to <paramref name="total"/>, both as the public may see them.</summary>
    public static (long?[] Cells, long? Total) Row(IReadOnlyList<long> cells, long total)
    {
        var shown = cells.Select(Cell).ToArray();
        var shownTotal = Cell(total);
        var hidden = shown.Count(c => c is null);
        if (hidden == 1 && shownTotal is not null)
        {
            var next = Enumerable.Range(0, cells.Count)
                .Where(i => shown[i] is > 0)
                .OrderBy(i => cells[i])
                .Cast<int?>()
                .FirstOrDefault();
            if (next is { } i)
            {
                shown[i] = null;
            }
            else
            {
                shownTotal = null;
            }
        }

        return (shown, shownTotal);
    }
}
