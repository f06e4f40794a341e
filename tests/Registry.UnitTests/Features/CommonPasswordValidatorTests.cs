using Registry.Web.Infrastructure.Security;

namespace Registry.UnitTests.Features;

public sealed class CommonPasswordValidatorTests
{
    [Fact]
    public void Ships_at_least_ten_thousand_common_passwords() =>
        Assert.True(CommonPasswordValidator.Count >= 10_000, $"only {CommonPasswordValidator.Count}");

    [Theory]
    [InlineData("password")]
    [InlineData("PASSWORD")]
    [InlineData("1234567890")]
    [InlineData("qwertyuiop")]
    [InlineData("iloveyou")]
    [InlineData("Dragon2024!")]
    [InlineData("!!football!!")]
    [InlineData("sunshine123")]
    public void Refuses_common_passwords_and_their_decorations(string password) =>
        Assert.True(CommonPasswordValidator.IsCommon(password));

    [Theory]
    [InlineData("correct horse battery staple")]
    [InlineData("Maestra-de-Kinder-1987")]
    [InlineData("tiny tots teach me daily")]
    [InlineData("a1!")]
    public void Accepts_uncommon_passwords(string password) =>
        Assert.False(CommonPasswordValidator.IsCommon(password));
}
