using Birge.Web.Domain;
using Birge.Web.Features.Statistics;

namespace Birge.Tests.Features.Statistics;

/// <summary>Counts of people from 1 to 4 are not shown, and no total gives one away by subtraction.</summary>
public sealed class SuppressionTests
{
    [Fact]
    public void A_small_cell_is_hidden_and_so_is_the_next_smallest_so_the_total_cannot_reveal_it()
    {
        var (cells, total) = Suppression.Row([120, 3, 0, 40, 9], 172);

        Assert.Equal(new long?[] { 120, null, 0, 40, null }, cells);
        Assert.Equal(172, total);
    }

    [Fact]
    public void Two_small_cells_hide_each_other_and_a_lone_one_hides_the_total()
    {
        Assert.Equal("_ _ 50 = 54", Show(Suppression.Row([2, 2, 50], 54)));
        Assert.Equal("_ 0 = _", Show(Suppression.Row([3, 0], 3)));
        Assert.Equal("5 0 = 5", Show(Suppression.Row([5, 0], 5)));
    }

    [Fact]
    public void The_public_figures_hide_a_region_with_three_new_volunteers()
    {
        var month = new DateOnly(2026, 11, 1);
        MonthlyFigure Joined(string kato, long count) => new(month, kato, StatMetric.VolunteersRegistered, "", count);
        var query = new StatsQuery(null, month, new DateOnly(2026, 11, 30));

        var figures = StatsFigures.From(query, [Joined("750000000", 500), Joined("330000000", 3), Joined("470000000", 12), Joined("590000000", 30)]);

        Assert.Equal(545, figures.Volunteers);
        var byRegion = figures.ByRegion.ToDictionary(r => r.RegionKato, r => r.Volunteers);
        Assert.Null(byRegion["330000000"]);
        Assert.Null(byRegion["470000000"]);
        Assert.Equal(500, byRegion["750000000"]);
        Assert.Equal(545, Assert.Single(figures.ByMonth).Volunteers);
        Assert.Null(StatsFigures.From(query with { RegionKato = "330000000" }, [Joined("330000000", 3)]).Volunteers);
    }

    private static string Show((long?[] Cells, long? Total) row) =>
        string.Join(' ', row.Cells.Select(c => c?.ToString() ?? "_")) + " = " + (row.Total?.ToString() ?? "_");
}
