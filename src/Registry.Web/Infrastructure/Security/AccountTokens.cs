using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Registry.Web.Infrastructure.Security;

/// <summary>Sign-in links last 10 minutes (ASVS 2.7.2; confirmation and reset links, 3 days) and work once: using one changes the security stamp.</summary>
public sealed class SignInLinkTokenProviderOptions : DataProtectionTokenProviderOptions
{
    public const string ProviderName = "SignInLink";

    public SignInLinkTokenProviderOptions()
    {
        Name = ProviderName;
        TokenLifespan = TimeSpan.FromMinutes(10);
    }
}

public sealed class SignInLinkTokenProvider(IDataProtectionProvider protection, IOptions<SignInLinkTokenProviderOptions> options, ILogger<DataProtectorTokenProvider<RegistryUser>> logger)
    : DataProtectorTokenProvider<RegistryUser>(protection, options, logger);

/// <summary>
/// Remembers, for 3 days, that this browser created an account: only this browser is signed in
/// by the account's confirmation link. Anyone else who opens the link must know the account's
/// password, or choose a new one (decision 0026: pre-hijacking).
/// </summary>
public sealed class SignUpBrowser(IDataProtectionProvider protection, IWebHostEnvironment environment)
{
    private const string CookieName = "Registry.SignedUp";
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(3);
    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("Registry.SignUpBrowser").ToTimeLimitedDataProtector();

    public void Remember(HttpResponse response, string userId) =>
        response.Cookies.Append(CookieName, _protector.Protect(userId, Lifetime), new CookieOptions
        {
            HttpOnly = true,
            Secure = !environment.IsDevelopment(),
            SameSite = SameSiteMode.Lax,
            MaxAge = Lifetime,
            IsEssential = true,
        });

    public bool SignedUp(HttpRequest request, string userId)
    {
        if (request.Cookies[CookieName] is not { Length: > 0 } value)
        {
            return false;
        }

        try
        {
            return string.Equals(_protector.Unprotect(value), userId, StringComparison.Ordinal);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    public void Forget(HttpResponse response) => response.Cookies.Delete(CookieName);
}

/// <summary>The "this was not me" link sent to the old address after an email change: who, from what, to what, for 7 days.</summary>
public sealed class EmailChangeUndo(IDataProtectionProvider protection)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);
    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("Registry.EmailChangeUndo").ToTimeLimitedDataProtector();

    public sealed record Change(string UserId, string OldEmail, string NewEmail);

    public string Token(Change change) =>
        _protector.Protect(string.Join('\n', change.UserId, change.OldEmail, change.NewEmail), Lifetime);

    public Change? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 2000)
        {
            return null;
        }

        try
        {
            var parts = _protector.Unprotect(token).Split('\n');
            return parts.Length == 3 ? new Change(parts[0], parts[1], parts[2]) : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
