using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Registry.Web.Data;

namespace Registry.Web.Infrastructure.Security;

/// <summary>
/// Identity's store, with recovery codes kept as salted SHA-256 hashes instead of as text (OWASP ASVS
/// 2.6.2: a code has fewer than 112 bits, so it is salted and hashed). Someone who reads the tokens
/// table learns no code. A set written before this (text) is still read, once, the old way.
/// </summary>
public sealed class RegistryUserStore(RegistryDbContext context, IdentityErrorDescriber? describer = null)
    : UserStore<RegistryUser, IdentityRole, RegistryDbContext, string, IdentityUserClaim<string>, IdentityUserRole<string>, IdentityUserLogin<string>, IdentityUserToken<string>, IdentityRoleClaim<string>, IdentityUserPasskey<string>>(context, describer)
{
    private const string LoginProvider = "[Registry]";
    private const string TokenName = "RecoveryCodeHashes";
    private const string Format = "sha256";

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
