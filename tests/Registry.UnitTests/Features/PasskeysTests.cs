using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Registry.Web.Features.TwoFactor;
using Registry.Web.Infrastructure.Security;

namespace Registry.UnitTests.Features;

public sealed class PasskeysTests
{
    [Theory]
    [InlineData("https://registry.example.gov", "registry.example.gov", "https://registry.example.gov")]
    [InlineData("https://registry.example.gov:8443/registry/", "registry.example.gov", "https://registry.example.gov:8443")]
    [InlineData("http://localhost:5080", "localhost", "http://localhost:5080")]
    [InlineData("https://REGISTRY.Example.gov:443", "registry.example.gov", "https://registry.example.gov")]
    public async Task The_relying_party_is_the_public_address_host_and_only_its_origin_is_accepted(string publicUrl, string rpId, string origin)
    {
        var options = new IdentityPasskeyOptions();
        PasskeySetup.Configure(options, new Uri(publicUrl));

        Assert.Equal(rpId, options.ServerDomain);
        Assert.Equal("required", options.ResidentKeyRequirement);
        Assert.Equal("required", options.UserVerificationRequirement);
        Assert.True(await AcceptsAsync(options, origin));
        Assert.False(await AcceptsAsync(options, origin, crossOrigin: true));
        Assert.False(await AcceptsAsync(options, origin + "/"));
        Assert.False(await AcceptsAsync(options, origin.Replace("://", "://evil.", StringComparison.Ordinal)));
        var otherScheme = origin.StartsWith("https:", StringComparison.Ordinal) ? "http:" + origin[6..] : "https:" + origin[5..];
        Assert.False(await AcceptsAsync(options, otherScheme));
        Assert.False(await AcceptsAsync(options, string.Empty));
    }

    [Theory]
    [InlineData(true, true, true, 2, true)]
    [InlineData(false, false, false, 0, true)]
    [InlineData(false, false, false, 1, false)]
    [InlineData(false, false, true, 0, false)]
    [InlineData(false, true, false, 0, false)]
    public void A_passkey_is_added_after_a_second_factor_or_as_the_first_one_of_an_account_without_any(bool proved, bool required, bool authenticatorOn, int passkeys, bool allowed) =>
        Assert.Equal(allowed, Passkeys.MayAdd(proved, required, authenticatorOn, passkeys));

    [Theory]
    [InlineData(true, true, true)]
    [InlineData(false, false, true)]
    [InlineData(false, true, false)]
    public void A_passkey_is_removed_in_any_session_that_does_not_owe_its_second_factor(bool proved, bool required, bool allowed) =>
        Assert.Equal(allowed, Passkeys.MayRemove(proved, required));

    private static async Task<bool> AcceptsAsync(IdentityPasskeyOptions options, string origin, bool crossOrigin = false) =>
        await options.ValidateOrigin!(new PasskeyOriginValidationContext { HttpContext = new DefaultHttpContext(), Origin = origin, CrossOrigin = crossOrigin });
}
