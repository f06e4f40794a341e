using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Account;

/// <summary>Sign in with the personal email and password; refused, with a way to resend, until the email is confirmed.</summary>
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
        WrongEmailOrPassword,
        EmailNotConfirmed,
        LockedOut,
    }

    public sealed record Result(Outcome Outcome, DateTimeOffset? LockedOutUntil = null);

    public sealed class Handler(UserManager<RegistryUser> users, SignInManager<RegistryUser> signIn)
    {
        public async Task<Result> HandleAsync(Form form, CancellationToken ct)
        {
            var user = await users.FindByEmailAsync(form.Email!.Trim());
            if (user is null)
            {
                return new Result(Outcome.WrongEmailOrPassword);
            }

            if (await users.IsLockedOutAsync(user))
            {
                return new Result(Outcome.LockedOut, await users.GetLockoutEndDateAsync(user));
            }

            // Whether an account waits for confirmation is said only to someone who knows its password.
            if (!user.EmailConfirmed)
            {
                if (await users.CheckPasswordAsync(user, form.Password!))
                {
                    return new Result(Outcome.EmailNotConfirmed);
                }

                await users.AccessFailedAsync(user);
                return await users.IsLockedOutAsync(user)
                    ? new Result(Outcome.LockedOut, await users.GetLockoutEndDateAsync(user))
                    : new Result(Outcome.WrongEmailOrPassword);
            }

            var result = await signIn.PasswordSignInAsync(user, form.Password!, form.RememberMe, lockoutOnFailure: true);
            if (result.Succeeded)
            {
                return new Result(Outcome.SignedIn);
            }

            return result.IsLockedOut
                ? new Result(Outcome.LockedOut, await users.GetLockoutEndDateAsync(user))
                : new Result(Outcome.WrongEmailOrPassword);
        }
    }
}
