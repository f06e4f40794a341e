using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Registry.Web.Domain.Accounts;

namespace Registry.Web.Infrastructure.Security;

/// <summary>
/// Identity's sign-in, with a server-side session behind every cookie: each sign-in (password,
/// second factor, passkey, confirmation link, sign-in link) starts an <see cref="AccountSessions"/>
/// row whose id the cookie carries, a refresh keeps it, and signing out ends it.
/// </summary>
public sealed class RegistrySignInManager(
    UserManager<RegistryUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<RegistryUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<RegistryUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<RegistryUser> confirmation,
    AccountSessions sessions)
    : SignInManager<RegistryUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private SignInMethod? _method;
    private bool _refreshing;

    /// <summary>The session of the current request's sign-in cookie, if any.</summary>
    public string? CurrentSessionId => Context.User.FindFirstValue(AccountSessions.SessionClaim);

    public override async Task SignInWithClaimsAsync(RegistryUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var claims = additionalClaims.Where(c => c.Type != AccountSessions.SessionClaim).ToList();
        var sessionId = _refreshing ? CurrentSessionId : null;
        if (sessionId is null)
        {
            var method = _method ?? (claims.Any(c => c is { Type: "amr", Value: "mfa" }) ? SignInMethod.Authenticator : SignInMethod.Password);
            sessionId = await sessions.StartAsync(user.Id, method, Context);
        }

        claims.Add(new Claim(AccountSessions.SessionClaim, sessionId));
        await base.SignInWithClaimsAsync(user, authenticationProperties, claims);
    }

    /// <summary>
    /// Re-issues this request's cookie, in the same session, after the account changed (a new
    /// security stamp, a second factor turned on). Identity's own refresh authenticates the cookie
    /// again, which the session check would now refuse (the stamp changed): this one takes the
    /// request's already-checked sign-in instead.
    /// </summary>
    public override async Task RefreshSignInAsync(RegistryUser user)
    {
        var current = Context.Features.Get<Microsoft.AspNetCore.Authentication.IAuthenticateResultFeature>()?.AuthenticateResult;
        if (current is not { Succeeded: true, Principal: { } principal } || UserManager.GetUserId(principal) != user.Id)
        {
            Logger.LogWarning("A sign-in refresh was asked for a request not signed in as that account; nothing was renewed.");
            return;
        }

        var kept = principal.Claims.Where(c => c.Type is "amr" or ClaimTypes.AuthenticationMethod).ToList();
        _refreshing = true;
        try
        {
            await SignInWithClaimsAsync(user, current.Properties, kept);
        }
        finally
        {
            _refreshing = false;
        }
    }

    public override async Task SignOutAsync()
    {
        if (CurrentSessionId is { } sessionId)
        {
            await sessions.EndAsync(sessionId, "signed out");
        }

        await base.SignOutAsync();
    }

    public override Task<SignInResult> TwoFactorRecoveryCodeSignInAsync(string recoveryCode) =>
        WithMethodAsync(SignInMethod.RecoveryCode, () => base.TwoFactorRecoveryCodeSignInAsync(recoveryCode));

    public override Task<SignInResult> PasskeySignInAsync(string credentialJson) =>
        WithMethodAsync(SignInMethod.Passkey, () => base.PasskeySignInAsync(credentialJson));

    /// <summary>
    /// Signs in someone who proved they hold the account's email (its confirmation link, in the
    /// browser that signed up; or a sign-in link): straight in, or on to the second factor when the
    /// account has one.
    /// </summary>
    public Task<SignInResult> SignInByEmailAsync(RegistryUser user, SignInMethod method) =>
        WithMethodAsync(method, () => SignInOrTwoFactorAsync(user, isPersistent: false));

    /// <summary>After a password the caller checked itself: signs in, or asks for the second factor when the account has one.</summary>
    public Task<SignInResult> SignInOrSecondFactorAsync(RegistryUser user, bool isPersistent) =>
        WithMethodAsync(SignInMethod.Password, () => SignInOrTwoFactorAsync(user, isPersistent));

    /// <summary>
    /// Every sign-in ends here (password, confirmation link, sign-in link, second factor, passkey):
    /// a locked account (merged into another profile, or locked by staff) is never signed in,
    /// whichever path its holder tries.
    /// </summary>
    protected override async Task<SignInResult> SignInOrTwoFactorAsync(RegistryUser user, bool isPersistent, string? loginProvider = null, bool bypassTwoFactor = false)
    {
        if (UserManager.SupportsUserLockout && await UserManager.IsLockedOutAsync(user))
        {
            Logger.LogWarning("A sign-in of a locked account was refused.");
            return SignInResult.LockedOut;
        }

        return await base.SignInOrTwoFactorAsync(user, isPersistent, loginProvider, bypassTwoFactor);
    }

    private async Task<SignInResult> WithMethodAsync(SignInMethod method, Func<Task<SignInResult>> signIn)
    {
        _method = method;
        try
        {
            return await signIn();
        }
        finally
        {
            _method = null;
        }
    }
}
