using Microsoft.AspNetCore.Identity;
using Registry.Web.Data;
using Registry.Web.Domain.Accounts;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Account;

/// <summary>
/// Signing in with a passkey instead of the password and code (decision 0028): Identity 10 runs the
/// assertion ceremony; the browser's part is wwwroot/js/passkeys.js. A passkey sign-in counts as a second factor.
/// </summary>
public static class PasskeySignIn
{
    public sealed class Form
    {
        /// <summary>The browser's answer (<c>navigator.credentials.get</c>), as JSON.</summary>
        public string? CredentialJson { get; set; }

        public string? ReturnUrl { get; set; }
    }

    public enum Outcome
    {
        Done,

        /// <summary>The browser's credential was refused (made for another site, wrong signature, not what was asked for…).</summary>
        Refused,

        /// <summary>No ceremony of this browser is under way (its options were never asked for, or are older than five minutes).</summary>
        StartAgain,
    }

    public sealed class Handler(UserManager<RegistryUser> users, RegistrySignInManager signIn, SecurityAudit audit, RegistryDbContext db)
    {
        /// <summary>The options for <c>navigator.credentials.get</c> (JSON): no account named, the authenticator offers its passkeys for this site.</summary>
        public Task<string> RequestOptionsAsync() => signIn.MakePasskeyRequestOptionsAsync(null);

        /// <summary>Signs in with the browser's answer; audited either way.</summary>
        public async Task<Outcome> SignInAsync(string credentialJson, CancellationToken ct)
        {
            SignInResult result;
            try
            {
                result = await signIn.PasskeySignInAsync(credentialJson);
            }
            catch (InvalidOperationException)
            {
                return Outcome.StartAgain;
            }

            // The passkey's account, for the audit (the browser's claim; on success Identity has checked it).
            var user = PasskeyIds.Of(credentialJson) is { } credentialId ? await users.FindByPasskeyIdAsync(credentialId) : null;
            if (result.Succeeded)
            {
                audit.AddOwn(SecurityEventKind.SignIn, user?.Id, user?.Email, "passkey");
                await db.SaveChangesAsync(ct);
                return Outcome.Done;
            }

            audit.AddOwn(SecurityEventKind.SignInFailed, user?.Id, user?.Email, result.IsLockedOut ? "passkey; account locked" : result.IsNotAllowed ? "passkey; email not confirmed" : "passkey not accepted");
            await db.SaveChangesAsync(ct);
            return Outcome.Refused;
        }
    }
}
