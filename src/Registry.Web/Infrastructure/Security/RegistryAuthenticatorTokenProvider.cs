using System.Globalization;
using Microsoft.AspNetCore.Identity;
using OtpNet;

namespace Registry.Web.Infrastructure.Security;

/// <summary>
/// Authenticator-app codes (TOTP, RFC 6238: 6 digits, 30-second steps, SHA-1, as every app reads
/// from the QR code). Unlike Identity's built-in provider it takes the registry's clock (tests
/// fix it) and refuses a code whose step was already used, or any earlier step: a code seen over
/// someone's shoulder cannot be replayed (OWASP ASVS 2.8.4). One step either side is accepted for
/// a phone's clock that is a little off.
/// </summary>
public sealed class RegistryAuthenticatorTokenProvider(TimeProvider time) : IUserTwoFactorTokenProvider<RegistryUser>
{
    public const string Name = "RegistryAuthenticator";

    private const string LoginProvider = "[Registry]";
    private const string LastStepToken = "AuthenticatorLastStep";

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<RegistryUser> manager, RegistryUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    /// <summary>Nothing is sent: the code comes from the person's app.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<RegistryUser> manager, RegistryUser user) => Task.FromResult(string.Empty);

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<RegistryUser> manager, RegistryUser user)
    {
        var code = Normalize(token);
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (code is null || string.IsNullOrWhiteSpace(key))
        {
            return false;
        }

        var totp = new Totp(Base32Encoding.ToBytes(key));
        if (!totp.VerifyTotp(time.GetUtcNow().UtcDateTime, code, out var step, new VerificationWindow(previous: 1, future: 1)))
        {
            return false;
        }

        var last = await manager.GetAuthenticationTokenAsync(user, LoginProvider, LastStepToken);
        if (long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var lastStep) && step <= lastStep)
        {
            return false;
        }

        await manager.SetAuthenticationTokenAsync(user, LoginProvider, LastStepToken, step.ToString(CultureInfo.InvariantCulture));
        return true;
    }

    /// <summary>The code as typed, with spaces and dashes taken out; null unless it is six digits.</summary>
    public static string? Normalize(string? token)
    {
        var code = token?.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        return code is { Length: 6 } && code.All(char.IsAsciiDigit) ? code : null;
    }

    /// <summary>The otpauth:// address an authenticator app reads from the QR code.</summary>
    public static string Uri(string issuer, string email, string key) =>
        string.Create(CultureInfo.InvariantCulture,
            $"otpauth://totp/{System.Uri.EscapeDataString(issuer)}:{System.Uri.EscapeDataString(email)}?secret={key}&issuer={System.Uri.EscapeDataString(issuer)}&digits=6");

    /// <summary>The key as people type it: lower case, in groups of four.</summary>
    public static string Readable(string key) =>
        string.Join(' ', key.ToLowerInvariant().Chunk(4).Select(c => new string(c)));
}
