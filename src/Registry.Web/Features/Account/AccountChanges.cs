using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain.Accounts;
using Registry.Web.Infrastructure.Email;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Account;

/// <summary>
/// Changes to how a person signs in: password changed or reset, email changed or the change
/// undone. Each ends the account's other sessions at once, is written to the security audit, and
/// is told to the person by email (an email change to the old address, with a link to undo it).
/// </summary>
public static class AccountChanges
{
    public enum UndoOutcome
    {
        Undone,
        InvalidLink,

        /// <summary>The old address now belongs to another account.</summary>
        AddressTaken,
    }

    public enum PasswordCheck
    {
        Right,
        Wrong,
        Paused,
    }

    public sealed class Handler(
        UserManager<RegistryUser> users,
        RegistrySignInManager signIn,
        AccountSessions sessions,
        SignInThrottles throttles,
        SecurityAudit audit,
        AccountEmails emails,
        EmailChangeUndo undo,
        RegistryDbContext db,
        IHttpContextAccessor http)
    {
        /// <summary>
        /// The current password, asked before a change: wrong tries count toward the same pause as at
        /// sign-in, so a borrowed session cannot be used to guess it.
        /// </summary>
        public async Task<PasswordCheck> CheckCurrentPasswordAsync(RegistryUser user, string password, CancellationToken ct)
        {
            var source = http.HttpContext?.Connection.RemoteIpAddress?.ToString();
            if (await throttles.IsPausedAsync(user.Email!, source, ct))
            {
                return PasswordCheck.Paused;
            }

            if (await users.CheckPasswordAsync(user, password))
            {
                return PasswordCheck.Right;
            }

            var paused = await throttles.FailAsync(user.Email!, source, ct);
            audit.AddOwn(SecurityEventKind.SignInFailed, user.Id, user.Email, "wrong current password");
            await db.SaveChangesAsync(ct);
            return paused ? PasswordCheck.Paused : PasswordCheck.Wrong;
        }

        /// <summary>The signed-in person changed their password (the current one already checked): other sessions end, this one goes on.</summary>
        public async Task<bool> ChangePasswordAsync(RegistryUser user, string currentPassword, string newPassword, CancellationToken ct)
        {
            if (!(await users.ChangePasswordAsync(user, currentPassword, newPassword)).Succeeded)
            {
                return false;
            }

            await sessions.EndAllAsync(user.Id, "password changed", signIn.CurrentSessionId, ct);
            await signIn.RefreshSignInAsync(user);
            audit.AddOwn(SecurityEventKind.PasswordChanged, user.Id, user.Email);
            await emails.QueuePasswordChangedAsync(user);
            await db.SaveChangesAsync(ct);
            return true;
        }

        /// <summary>
        /// A reset link was used: the password is set, every session ends, every sign-in pause on the
        /// email is lifted, and an unconfirmed email is confirmed (the link reached its inbox).
        /// </summary>
        public async Task<bool> ResetPasswordAsync(RegistryUser user, string token, string password, CancellationToken ct)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (!(await users.ResetPasswordAsync(user, token, password)).Succeeded)
            {
                return false;
            }

            if (!user.EmailConfirmed)
            {
                await users.ConfirmEmailAsync(user, await users.GenerateEmailConfirmationTokenAsync(user));
                audit.AddOwn(SecurityEventKind.EmailConfirmed, user.Id, user.Email, "by a password reset link");
            }

            await sessions.EndAllAsync(user.Id, "password reset", ct: ct);
            await throttles.ClearAccountAsync(user.Email!, ct);
            audit.AddOwn(SecurityEventKind.PasswordReset, user.Id, user.Email);
            await emails.QueuePasswordChangedAsync(user);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return true;
        }

        /// <summary>Sends the confirmation link to the new address, unless another account has it (the page says the same either way).</summary>
        public async Task RequestEmailChangeAsync(RegistryUser user, string newEmail, CancellationToken ct)
        {
            if (await users.FindByEmailAsync(newEmail) is not null)
            {
                return;
            }

            await emails.QueueEmailChangeAsync(user, newEmail);
            audit.AddOwn(SecurityEventKind.EmailChangeRequested, user.Id, user.Email, "to " + newEmail);
            await db.SaveChangesAsync(ct);
        }

        /// <summary>The new address's link was opened: the email changes, other sessions end, the old address is told and can undo it.</summary>
        public async Task<bool> ConfirmEmailChangeAsync(RegistryUser user, string newEmail, string token, CancellationToken ct)
        {
            var oldEmail = user.Email!;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (!(await users.ChangeEmailAsync(user, newEmail, token)).Succeeded)
            {
                return false;
            }

            await users.SetUserNameAsync(user, newEmail);
            await SetProfileEmailAsync(user.Id, newEmail, ct);
            var signedInHere = string.Equals(users.GetUserId(signIn.Context.User), user.Id, StringComparison.Ordinal);
            await sessions.EndAllAsync(user.Id, "email changed", signedInHere ? signIn.CurrentSessionId : null, ct);
            if (signedInHere)
            {
                await signIn.RefreshSignInAsync(user);
            }

            audit.AddOwn(SecurityEventKind.EmailChanged, user.Id, newEmail, $"from {oldEmail} to {newEmail}");
            await emails.QueueEmailChangedAsync(user, oldEmail, newEmail, undo.Token(new EmailChangeUndo.Change(user.Id, oldEmail, newEmail)));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return true;
        }

        /// <summary>The profile's email follows the account's (through the change tracker, so the record's history has it).</summary>
        private async Task SetProfileEmailAsync(string userId, string email, CancellationToken ct)
        {
            if (await db.Professionals.FirstOrDefaultAsync(p => p.UserId == userId, ct) is { } professional)
            {
                professional.Email = email;
            }
        }

        /// <summary>Is the undo link good (for the page that asks before undoing)?</summary>
        public async Task<EmailChangeUndo.Change?> ReadUndoAsync(string? token) =>
            undo.Read(token) is { } change && await users.FindByIdAsync(change.UserId) is not null ? change : null;

        /// <summary>
        /// "This was not me": the old address signs in again, every session ends (whoever changed it is
        /// signed out), and a password reset link goes to the old address.
        /// </summary>
        public async Task<UndoOutcome> UndoEmailChangeAsync(string? token, CancellationToken ct)
        {
            if (undo.Read(token) is not { } change || await users.FindByIdAsync(change.UserId) is not { } user)
            {
                return UndoOutcome.InvalidLink;
            }

            if (await users.FindByEmailAsync(change.OldEmail) is { } holder && holder.Id != user.Id)
            {
                return UndoOutcome.AddressTaken;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (!string.Equals(user.Email, change.OldEmail, StringComparison.OrdinalIgnoreCase))
            {
                await users.SetEmailAsync(user, change.OldEmail);
                await users.SetUserNameAsync(user, change.OldEmail);
                await users.ConfirmEmailAsync(user, await users.GenerateEmailConfirmationTokenAsync(user));
                await SetProfileEmailAsync(user.Id, change.OldEmail, ct);
            }

            await users.UpdateSecurityStampAsync(user);
            await sessions.EndAllAsync(user.Id, "email change undone", ct: ct);
            audit.AddOwn(SecurityEventKind.EmailChangeUndone, user.Id, change.OldEmail, $"back from {change.NewEmail} to {change.OldEmail}");
            await emails.QueuePasswordResetAsync(user);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return UndoOutcome.Undone;
        }
    }
}
