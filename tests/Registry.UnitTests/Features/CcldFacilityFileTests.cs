using System.Text;
using Registry.Web.Data.Licensing;
using Registry.Web.Domain.Employers;

namespace Registry.UnitTests.Features;

public sealed class CcldFacilityFileTests
{
    private const string Header =
        "facility_type,facility_number,facility_name,facility_address,facility_city,facility_state,facility_zip,county_name,facility_capacity,facility_status";

    private static CcldFacilityFile.ReadResult Read(params string[] lines) =>
        CcldFacilityFile.Read(Encoding.UTF8.GetBytes(string.Join("\n", lines)));

    [Fact]
    public void Reads_a_site_as_the_licensing_list_writes_it()
    {
        var result = Read(Header, "DAY CARE CENTER,380500086,JCCSF BROTHERHOOD WAY PRESCHOOL,655 BROTHERHOOD WAY,SAN FRANCISCO,CA,94132,SAN FRANCISCO,116,LICENSED");

        Assert.Null(result.FileError);
        var row = Assert.Single(result.Rows);
        Assert.Equal(2, row.LineNumber);
        Assert.Equal("380500086", row.LicenseNumber);
        Assert.Equal(
            new EmployerDetails("JCCSF BROTHERHOOD WAY PRESCHOOL", FacilityType.DayCareCenter, "655 BROTHERHOOD WAY", "SAN FRANCISCO", "CA", "94132", "San Francisco", 116, EmployerStatus.Licensed),
            row.Details);
    }

    [Fact]
    public void Reads_quoted_names_with_commas_and_homes_without_addresses()
    {
        var result = Read(Header, "LARGE FAMILY CHILD CARE HOME,380505549,\"ALEXANDER, BARBARA - \"\"BELVEDERE\"\" MONTESSORI\",,SAN FRANCISCO,CA,94110,SAN FRANCISCO,14,LICENSED");

        var row = Assert.Single(result.Rows);
        Assert.Equal("ALEXANDER, BARBARA - \"BELVEDERE\" MONTESSORI", row.Details?.Name);
        Assert.Null(row.Details?.Address);
        Assert.Equal(FacilityType.LargeFamilyChildCareHome, row.Details?.FacilityType);
    }

    [Fact]
    public void Columns_may_come_in_any_order_and_letter_case()
    {
        var result = Read(
            "FACILITY_NUMBER,facility_status,facility_name,facility_type,facility_address,facility_city,facility_state,facility_zip,county_name,facility_capacity",
            "15600123,closed,Little Stars,INFANT CENTER,1 Main St,Oakland,CA,94601,ALAMEDA,");

        var row = Assert.Single(result.Rows);
        Assert.Equal("015600123", row.LicenseNumber);
        Assert.Equal(EmployerStatus.Closed, row.Details?.Status);
        Assert.Null(row.Details?.Capacity);
        Assert.Equal("Alameda", row.Details?.County);
    }

    [Theory]
    [InlineData("DAY CARE CENTER,,NO NUMBER SCHOOL,1 A ST,SF,CA,94110,SAN FRANCISCO,10,LICENSED", "missing license number")]
    [InlineData("DAY CARE CENTER,38050X086,BAD NUMBER SCHOOL,1 A ST,SF,CA,94110,SAN FRANCISCO,10,LICENSED", "malformed license number '38050X086' (expected 9 digits)")]
    [InlineData("DAY CARE CENTER,12345,SHORT NUMBER SCHOOL,1 A ST,SF,CA,94110,SAN FRANCISCO,10,LICENSED", "malformed license number '12345' (expected 9 digits)")]
    [InlineData("DAY CARE CENTER,380500086,ODD STATUS SCHOOL,1 A ST,SF,CA,94110,SAN FRANCISCO,10,SUSPENDED", "unknown status 'SUSPENDED'")]
    [InlineData("DAY CARE CENTER,380500086,NO STATUS SCHOOL,1 A ST,SF,CA,94110,SAN FRANCISCO,10,", "missing status")]
    [InlineData("ADULT RESIDENTIAL,380500086,WRONG TYPE,1 A ST,SF,CA,94110,SAN FRANCISCO,10,LICENSED", "unknown facility type 'ADULT RESIDENTIAL'")]
    [InlineData("DAY CARE CENTER,380500086,,1 A ST,SF,CA,94110,SAN FRANCISCO,10,LICENSED", "missing facility name")]
    [InlineData("DAY CARE CENTER,380500086,CAPACITY SCHOOL,1 A ST,SF,CA,94110,SAN FRANCISCO,twelve,LICENSED", "capacity 'twelve' is not a whole number")]
    [InlineData("DAY CARE CENTER,380500086,SHORT ROW", "expected 10 fields, found 3")]
    public void Rejects_a_row_with_its_reason(string line, string reason)
    {
        var row = Assert.Single(Read(Header, line).Rows);

        Assert.Null(row.Details);
        Assert.Equal(reason, row.RejectionReason);
        Assert.Equal(2, row.LineNumber);
    }

    [Fact]
    public void Line_numbers_are_the_file_s_own_even_after_a_line_break_inside_quotes()
    {
        var result = Read(
            Header,
            "DAY CARE CENTER,380500086,\"TWO\nLINE NAME\",1 A ST,SF,CA,94110,SAN FRANCISCO,10,LICENSED",
            "DAY CARE CENTER,380500099,BAD,1 A ST,SF,CA,94110,SAN FRANCISCO,10,GONE");

        Assert.Equal([2, 4], result.Rows.Select(r => r.LineNumber));
        Assert.Equal("unknown status 'GONE'", result.Rows[1].RejectionReason);
    }

    [Fact]
    public void Blank_lines_are_skipped_not_rejected()
    {
        var result = Read(Header, "", "DAY CARE CENTER,380500086,A SCHOOL,1 A ST,SF,CA,94110,SAN FRANCISCO,10,LICENSED", "");

        Assert.Equal(3, Assert.Single(result.Rows).LineNumber);
    }

    [Fact]
    public void Refuses_an_empty_file()
    {
        Assert.Equal("The file is empty.", CcldFacilityFile.Read([]).FileError);
        Assert.Equal("The file is empty.", Read("", "  ", "").FileError);
    }

    [Fact]
    public void Refuses_binary_garbage()
    {
        var garbage = new byte[4096];
        new Random(42).NextBytes(garbage);

        Assert.Equal("The file is not a CSV text file (it holds binary data).", CcldFacilityFile.Read(garbage).FileError);
    }

    [Fact]
    public void Refuses_a_file_whose_header_is_not_the_licensing_list_s()
    {
        var result = Read("name,number,status", "A SCHOOL,380500086,LICENSED");

        Assert.NotNull(result.FileError);
        Assert.Contains("missing column(s) facility_type, facility_number", result.FileError, StringComparison.Ordinal);
        Assert.Empty(result.Rows);
    }

    [Fact]
    public void Reads_a_Latin_1_file_with_accented_names()
    {
        var bytes = Encoding.Latin1.GetBytes(Header + "\nDAY CARE CENTER,380500086,NIÑOS FELICES,1 A ST,SF,CA,94110,SAN FRANCISCO,10,LICENSED\n");

        Assert.Equal("NIÑOS FELICES", Assert.Single(CcldFacilityFile.Read(bytes).Rows).Details?.Name);
    }

    [Fact]
    public void Skips_a_UTF_8_byte_order_mark()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Header + "\nDAY CARE CENTER,380500086,A,1 A ST,SF,CA,94110,SAN FRANCISCO,10,LICENSED")).ToArray();

        Assert.Null(CcldFacilityFile.Read(bytes).FileError);
    }
}
