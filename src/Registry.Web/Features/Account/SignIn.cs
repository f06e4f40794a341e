using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Registry.Web.Data;
using Registry.Web.Domain.Accounts;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Account;

/// <summary>
/// Sign in with the personal email and password. Refused, with a way to resend, until the email is
/// confirmed (said only to someone who typed the right password). Wrong tries pause signing in for
/// what was typed (<see cref="SignInThrottles"/>), whether or not an account has that email, and
/// an email with no account costs the same password check as one with an account: neither the
/// answer nor its timing tells whether an account exists.
/// </summary>
public static class SignIn
{
    public sealed class Form
    {
        public string? Email { get; set; }

        public string? Password { get; set; }

        public bool RememberMe { get; set; }

        public string? ReturnUrl { get; set; }
    }

    public sealed class Validator : AbstractValidator<Form>
    {
        public Validator(IStringLocalizer<SharedResource> t)
        {
            RuleFor(f => f.Email).NotEmpty().WithMessage(t["Enter your email address."])
                .MaximumLength(256).WithMessage(t["Use at most {0} characters.", 256]);
            RuleFor(f => f.Password).NotEmpty().WithMessage(t["Enter your password."])
                .MaximumLength(256).WithMessage(t["Use at most {0} characters.", 256]);
        }
    }

    public enum Outcome
    {
        SignedIn,
        SecondFactorNeeded,
        WrongEmailOrPassword,
        EmailNotConfirmed,
        Paused,
    }

    public sealed class Handler(
        UserManager<RegistryUser> users,
        RegistrySignInManager signIn,
        SignInThrottles throttles,
        SecurityAudit audit,
        RegistryDbContext db,
        IHttpContextAccessor http)
    {
        /// <summary>A hash (made with the registry's own hasher settings) to check passwords typed for an email that has no account, so that both take as long.</summary>
        private static string? _noAccountHash;

        public async Task<Outcome> HandleAsync(Form form, CancellationToken ct)
        {
            var email = form.Email!.Trim();
            var source = http.HttpContext?.Connection.RemoteIpAddress?.ToString();
            if (await throttles.IsPausedAsync(email, source, ct))
            {
                return Outcome.Paused;
            }

            var user = await users.FindByEmailAsync(email);
            bool passwordIsRight;
            if (user is null)
            {
                _noAccountHash ??= users.PasswordHasher.HashPassword(new RegistryUser(), Guid.NewGuid().ToString());
                users.PasswordHasher.VerifyHashedPassword(new RegistryUser(), _noAccountHash, form.Password!);
                passwordIsRight = false;
            }
            else
            {
                // A locked account (merged into another) answers as a wrong password: nothing says it exists.
                passwordIsRight = await users.CheckPasswordAsync(user, form.Password!) && !await users.IsLockedOutAsync(user);
            }

            if (!passwordIsRight)
            {
                var paused = await throttles.FailAsync(email, source, ct);
                // What was typed is kept only if it is an email address (a password typed in the wrong box is not).
                audit.AddOwn(paused ? SecurityEventKind.SignInPaused : SecurityEventKind.SignInFailed, user?.Id,
                    user?.Email ?? (Infrastructure.Forms.FormRules.IsEmailAddress(email) ? email : "(not an email address)"), user is null ? "no account has this email" : "wrong password");
                await db.SaveChangesAsync(ct);
                return paused ? Outcome.Paused : Outcome.WrongEmailOrPassword;
            }

            await throttles.SucceedAsync(email, source, ct);
            if (!user!.EmailConfirmed)
            {
                return Outcome.EmailNotConfirmed;
            }

            // The password was checked above; this signs in, or leaves the account waiting for its second factor.
            var result = await signIn.SignInOrSecondFactorAsync(user, form.RememberMe);
            audit.AddOwn(SecurityEventKind.SignIn, user.Id, user.Email, result.RequiresTwoFactor ? "password; second factor asked" : "password");
            await db.SaveChangesAsync(ct);
            return result.RequiresTwoFactor ? Outcome.SecondFactorNeeded : Outcome.SignedIn;
        }
    }
}
