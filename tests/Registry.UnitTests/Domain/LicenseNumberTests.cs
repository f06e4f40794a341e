using Registry.Web.Domain.Employers;

namespace Registry.UnitTests.Domain;

public sealed class LicenseNumberTests
{
    [Theory]
    [InlineData("380500086", "380500086")]
    [InlineData(" 380500086 ", "380500086")]
    [InlineData("380-500-086", "380500086")]
    [InlineData("380 500 086", "380500086")]
    [InlineData("15600123", "015600123")]
    [InlineData("0156-00123", "015600123")]
    public void Normalizes_what_people_type_to_nine_digits(string input, string expected) =>
        Assert.Equal(expected, LicenseNumber.Normalize(input));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("1234567")]
    [InlineData("1234567890")]
    [InlineData("38050008A")]
    [InlineData("380.500.086")]
    [InlineData("３８０５０００８６")]
    public void Refuses_what_is_not_a_license_number(string? input) =>
        Assert.Null(LicenseNumber.Normalize(input));

    [Theory]
    [InlineData("380500086", true)]
    [InlineData("380-500 086", true)]
    [InlineData("garcia, maria", false)]
    [InlineData("kids 4 u", false)]
    [InlineData("", false)]
    [InlineData("- -", false)]
    public void Tells_a_number_from_a_name(string input, bool looksLikeNumber) =>
        Assert.Equal(looksLikeNumber, LicenseNumber.LooksLikeLicenseNumber(input));
}
