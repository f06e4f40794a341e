using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Registry.Web.Data;
using Registry.Web.Domain.Accounts;
using Registry.Web.Infrastructure.Email;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Account;

/// <summary>
/// The second step of signing in to an account with a second factor: a code from the authenticator
/// app, or one of the recovery codes. Wrong codes are paused like wrong passwords.
/// </summary>
public static class TwoFactorSignIn
{
    public const int MaxCodeLength = RecoveryCodes.MaxTypedLength;

    public sealed class Form
    {
        public string? Code { get; set; }

        public bool RememberMe { get; set; }

        public string? ReturnUrl { get; set; }
    }

    public sealed class Validator : AbstractValidator<Form>
    {
        public Validator(IStringLocalizer<SharedResource> t) =>
            RuleFor(f => f.Code).NotEmpty().WithMessage(t["Enter the 6-digit code from your authenticator app, or a recovery code."])
                .MaximumLength(MaxCodeLength).WithMessage(t["Use at most {0} characters.", MaxCodeLength]);
    }

    public enum Outcome
    {
        SignedIn,
        WrongCode,
        Paused,

        /// <summary>The password step is too old (5 minutes) or was never done: start again.</summary>
        StartAgain,
    }

    public sealed class Handler(
        RegistrySignInManager signIn,
        UserManager<RegistryUser> users,
        SignInThrottles throttles,
        SecurityAudit audit,
        AccountEmails emails,
        RegistryDbContext db,
        IHttpContextAccessor http,
        IStringLocalizer<SharedResource> t)
    {
        public async Task<Outcome> HandleAsync(Form form, CancellationToken ct)
        {
            if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { Email: { } email } user)
            {
                return Outcome.StartAgain;
            }

            var source = http.HttpContext?.Connection.RemoteIpAddress?.ToString();
            if (await throttles.IsPausedAsync(email, source, ct))
            {
                return Outcome.Paused;
            }

            var digits = RegistryAuthenticatorTokenProvider.Normalize(form.Code);
            var result = digits is not null
                ? await signIn.TwoFactorAuthenticatorSignInAsync(digits, form.RememberMe, rememberClient: false)
                : await signIn.TwoFactorRecoveryCodeSignInAsync(RecoveryCodes.Normalize(form.Code!));
            if (!result.Succeeded)
            {
                var paused = await throttles.FailAsync(email, source, ct);
                audit.AddOwn(paused ? SecurityEventKind.SignInPaused : SecurityEventKind.SignInFailed, user.Id, email, "wrong second-factor code");
                await db.SaveChangesAsync(ct);
                return paused ? Outcome.Paused : Outcome.WrongCode;
            }

            await throttles.SucceedAsync(email, source, ct);
            audit.AddOwn(SecurityEventKind.SignIn, user.Id, email, digits is not null ? "second factor: authenticator app" : "second factor: recovery code");
            if (digits is null)
            {
                var left = await users.CountRecoveryCodesAsync(user);
                audit.AddOwn(SecurityEventKind.RecoveryCodeUsed, user.Id, email, $"{left} left");
                await emails.QueueSecondFactorChangedAsync(user, t["A recovery code was used to sign in to your account. {0} of your recovery codes are left.", left]);
            }

            await db.SaveChangesAsync(ct);
            return Outcome.SignedIn;
        }
    }
}
