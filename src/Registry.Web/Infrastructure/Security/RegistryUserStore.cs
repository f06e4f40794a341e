using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Registry.Web.Data;

namespace Registry.Web.Infrastructure.Security;

/// <summary>
/// Identity's store, with the second factor's secrets kept out of reach of whoever reads the tokens
/// table: recovery codes as salted SHA-256 hashes (OWASP ASVS 2.6.2: a code has fewer than 112 bits,
/// so it is salted and hashed), the authenticator key encrypted with the Data Protection keys (ASVS
/// 2.8.2; those keys are themselves encrypted with a certificate where one is configured, decision
/// 0023). Values written before this (text) are still read.
/// </summary>
public sealed class RegistryUserStore(RegistryDbContext context, IDataProtectionProvider protection, IdentityErrorDescriber? describer = null)
    : UserStore<RegistryUser, IdentityRole, RegistryDbContext, string, IdentityUserClaim<string>, IdentityUserRole<string>, IdentityUserLogin<string>, IdentityUserToken<string>, IdentityRoleClaim<string>, IdentityUserPasskey<string>>(context, describer)
{
    private const string LoginProvider = "[Registry]";
    private const string TokenName = "RecoveryCodeHashes";
    private const string Format = "sha256";
    private const string ProtectedKey = "protected:";

    private readonly IDataProtector _keys = protection.CreateProtector("Registry.AuthenticatorKey");

    public override Task SetAuthenticatorKeyAsync(RegistryUser user, string key, CancellationToken cancellationToken) =>
        base.SetAuthenticatorKeyAsync(user, ProtectedKey + _keys.Protect(key), cancellationToken);

    public override async Task<string?> GetAuthenticatorKeyAsync(RegistryUser user, CancellationToken cancellationToken)
    {
        var stored = await base.GetAuthenticatorKeyAsync(user, cancellationToken);
        return stored is not null && stored.StartsWith(ProtectedKey, StringComparison.Ordinal) ? _keys.Unprotect(stored[ProtectedKey.Length..]) : stored;
    }

    public override async Task ReplaceCodesAsync(RegistryUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hashes = recoveryCodes.Select(code => Hash(salt, code)).ToList();
        await SetTokenAsync(user, LoginProvider, TokenName, $"{Format}:{Convert.ToBase64String(salt)}:{string.Join(';', hashes)}", cancellationToken);

        // Any set from before (as text) stops working.
        await base.ReplaceCodesAsync(user, [], cancellationToken);
    }

    public override async Task<bool> RedeemCodeAsync(RegistryUser user, string code, CancellationToken cancellationToken)
    {
        if (await ReadAsync(user, cancellationToken) is not { } set)
        {
            return await base.RedeemCodeAsync(user, code, cancellationToken);
        }

        var given = Convert.FromHexString(Hash(set.Salt, code));
        var match = set.Hashes.FirstOrDefault(h => CryptographicOperations.FixedTimeEquals(Convert.FromHexString(h), given));
        if (match is null)
        {
            return false;
        }

        var left = set.Hashes.Where(h => !ReferenceEquals(h, match)).ToList();
        await SetTokenAsync(user, LoginProvider, TokenName, $"{Format}:{Convert.ToBase64String(set.Salt)}:{string.Join(';', left)}", cancellationToken);
        return true;
    }

    public override async Task<int> CountCodesAsync(RegistryUser user, CancellationToken cancellationToken) =>
        await ReadAsync(user, cancellationToken) is { } set ? set.Hashes.Count : await base.CountCodesAsync(user, cancellationToken);

    private async Task<(byte[] Salt, List<string> Hashes)?> ReadAsync(RegistryUser user, CancellationToken ct)
    {
        var stored = await GetTokenAsync(user, LoginProvider, TokenName, ct);
        var parts = stored?.Split(':');
        return parts is [Format, var salt, var hashes]
            ? (Convert.FromBase64String(salt), hashes.Split(';', StringSplitOptions.RemoveEmptyEntries).ToList())
            : null;
    }

    private static string Hash(byte[] salt, string code) =>
        Convert.ToHexString(SHA256.HashData([.. salt, .. Encoding.UTF8.GetBytes(code)]));
}
