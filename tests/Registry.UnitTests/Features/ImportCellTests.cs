using Registry.Web.Features.PeopleImports;

namespace Registry.UnitTests.Features;

/// <summary>Cells of an import file a spreadsheet would run are refused; names and phone numbers are not.</summary>
public sealed class ImportCellTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", true)]
    [InlineData("@SUM(A1)", true)]
    [InlineData("+cmd", true)]
    [InlineData("-1+cmd|' /C calc'!A0", true)]
    [InlineData("-2+3", true)]
    [InlineData("+1 (415) 555-0100", false)]
    [InlineData("-2.5", false)]
    [InlineData("- ", false)]
    [InlineData("O'Brien", false)]
    [InlineData("Muñoz-Pérez", false)]
    public void A_cell_a_spreadsheet_would_run_is_a_formula_and_a_phone_number_is_not(string cell, bool formula) =>
        Assert.Equal(formula, RowChecks.IsFormula(cell));
}
