using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Registry.Web.Data;
using Registry.Web.Domain.Accounts;
using Registry.Web.Infrastructure.Email;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.TwoFactor;

/// <summary>
/// Passkeys (decision 0028): added and removed on the second-factor page, used on the sign-in page
/// instead of the password and code. Identity 10 runs the WebAuthn ceremonies (options, attestation,
/// assertion); the browser's part is wwwroot/js/passkeys.js. A passkey sign-in counts as a second factor.
/// </summary>
public static class Passkeys
{
    public const int MaxNameLength = 50;

    public sealed class AddForm
    {
        public string? Name { get; set; }

        /// <summary>The browser's new credential (<c>navigator.credentials.create</c>), as JSON.</summary>
        public string? CredentialJson { get; set; }
    }

    public sealed class AddValidator : AbstractValidator<AddForm>
    {
        public AddValidator(IStringLocalizer<SharedResource> t) =>
            RuleFor(f => f.Name).Cascade(CascadeMode.Stop)
                .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage(t["Enter a name for this passkey, such as the device it is on."])
                .Must(n => n!.Trim().Length <= MaxNameLength).WithMessage(t["Use at most {0} characters.", MaxNameLength])
                .DependentRules(() => RuleFor(f => f.CredentialJson).Cascade(CascadeMode.Stop)
                    .NotEmpty().WithMessage(t["Your browser did not make a passkey. Try again with the \"Add a passkey\" button."])
                    .MaximumLength(PasskeyIds.MaxCredentialLength).WithMessage(t["That passkey could not be added. Try again."]));
    }

    public enum Outcome
    {
        Done,

        /// <summary>The browser's credential was refused (made for another site, wrong signature, not what was asked for…).</summary>
        Refused,

        /// <summary>No ceremony of this browser is under way (its options were never asked for, or are older than five minutes).</summary>
        StartAgain,

        AlreadyAdded,

        /// <summary>This session may not add a passkey (<see cref="MayAdd"/>).</summary>
        NotAllowed,

        NotFound,
    }

    /// <summary>
    /// Whether a session may add a passkey: one that proved a second factor (the authenticator app, a
    /// recovery code or a passkey); or, for an account with no second factor at all yet (no app, no
    /// passkey) and no need of one, its password. A password alone never adds a passkey beside an
    /// existing one.
    /// </summary>
    public static bool MayAdd(bool provedThisSession, bool secondFactorRequired, bool authenticatorOn, int passkeys) =>
        provedThisSession || (!secondFactorRequired && !authenticatorOn && passkeys == 0);

    /// <summary>Whether a session may remove a passkey: any that does not owe the second factor its account needs.</summary>
    public static bool MayRemove(bool provedThisSession, bool secondFactorRequired) => provedThisSession || !secondFactorRequired;

    /// <summary>The credential id a page names a passkey by.</summary>
    public static string Id(byte[] credentialId) => WebEncoders.Base64UrlEncode(credentialId);

    public sealed class Handler(
        UserManager<RegistryUser> users,
        RegistrySignInManager signIn,
        SecondFactor.Handler secondFactor,
        SecurityAudit audit,
        AccountEmails emails,
        RegistryDbContext db,
        IStringLocalizer<SharedResource> t,
        ILogger<Handler> logger)
    {
        /// <summary>The options for <c>navigator.credentials.create</c> (JSON), or null when this session may not add a passkey.</summary>
        public async Task<string?> CreationOptionsAsync(RegistryUser user, CancellationToken ct)
        {
            if (!await MayAddAsync(user, ct))
            {
                return null;
            }

            return await signIn.MakePasskeyCreationOptionsAsync(new PasskeyUserEntity { Id = user.Id, Name = user.Email!, DisplayName = user.Email! });
        }

        public async Task<Outcome> AddAsync(RegistryUser user, string name, string credentialJson, CancellationToken ct)
        {
            if (!await MayAddAsync(user, ct))
            {
                return Outcome.NotAllowed;
            }

            PasskeyAttestationResult attestation;
            try
            {
                attestation = await signIn.PerformPasskeyAttestationAsync(credentialJson);
            }
            catch (InvalidOperationException)
            {
                // Identity's answer when this browser has no creation under way.
                return Outcome.StartAgain;
            }

            if (!attestation.Succeeded || attestation.UserEntity.Id != user.Id)
            {
                logger.LogInformation("A passkey was not added: {Reason}", attestation.Failure?.Message ?? "made for another account");
                return Outcome.Refused;
            }

            var passkey = attestation.Passkey;
            if (await users.FindByPasskeyIdAsync(passkey.CredentialId) is not null)
            {
                return Outcome.AlreadyAdded;
            }

            passkey.Name = name.Trim();
            var stamp = user.SecurityStamp;
            var added = await users.AddOrUpdatePasskeyAsync(user, passkey);
            if (!added.Succeeded)
            {
                return Outcome.Refused;
            }

            await KeepSignedInAsync(user, stamp);
            audit.AddOwn(SecurityEventKind.PasskeyAdded, user.Id, user.Email, passkey.Name);
            await emails.QueueSecondFactorChangedAsync(user, t["A passkey named \"{0}\" was added to your account. It signs you in without your password.", passkey.Name]);
            await db.SaveChangesAsync(ct);
            return Outcome.Done;
        }

        /// <summary>Removes one of the person's own passkeys; any other id (someone else's included) is <see cref="Outcome.NotFound"/>.</summary>
        public async Task<Outcome> RemoveAsync(RegistryUser user, string? id, CancellationToken ct)
        {
            var credentialId = PasskeyIds.Decode(id);
            var passkey = credentialId is null ? null : await users.GetPasskeyAsync(user, credentialId);
            if (passkey is null)
            {
                return Outcome.NotFound;
            }

            if (!MayRemove(await ProvedThisSessionAsync(ct), await secondFactor.IsRequiredAsync(user.Id, ct)))
            {
                return Outcome.NotAllowed;
            }

            var stamp = user.SecurityStamp;
            if (!(await users.RemovePasskeyAsync(user, passkey.CredentialId)).Succeeded)
            {
                return Outcome.NotFound;
            }

            await KeepSignedInAsync(user, stamp);
            var name = passkey.Name ?? t["Passkey"].Value;
            audit.AddOwn(SecurityEventKind.PasskeyRemoved, user.Id, user.Email, name);
            await emails.QueueSecondFactorChangedAsync(user, t["The passkey named \"{0}\" was removed from your account: it no longer signs you in.", name]);
            await db.SaveChangesAsync(ct);
            return Outcome.Done;
        }

        private async Task<bool> MayAddAsync(RegistryUser user, CancellationToken ct) =>
            MayAdd(await ProvedThisSessionAsync(ct), await secondFactor.IsRequiredAsync(user.Id, ct), user.TwoFactorEnabled, (await users.GetPasskeysAsync(user)).Count);

        private async Task<bool> ProvedThisSessionAsync(CancellationToken ct) =>
            signIn.CurrentSessionId is { } sessionId && await db.AccountSessions.AsNoTracking().AnyAsync(s => s.Id == sessionId && s.SecondFactor, ct);

        /// <summary>Should the change have given the account a new security stamp, this browser's cookie is renewed with it, in the same session.</summary>
        private async Task KeepSignedInAsync(RegistryUser user, string? stampBefore)
        {
            if (!string.Equals(user.SecurityStamp, stampBefore, StringComparison.Ordinal))
            {
                await signIn.RefreshSignInAsync(user);
            }
        }
    }
}
