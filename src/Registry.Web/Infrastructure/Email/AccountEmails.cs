using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Registry.Web.Infrastructure.Localization;
using Registry.Web.Data;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Infrastructure.Email;

/// <summary>
/// The account emails (confirm your email, someone tried to register, reset your password),
/// written in the person's language with a plain-text and an HTML part, and queued in the
/// outbox: they are saved with the caller's next <c>SaveChangesAsync</c>, in its transaction.
/// </summary>
public sealed class AccountEmails(
    RegistryDbContext db,
    UserManager<RegistryUser> users,
    IStringLocalizer<SharedResource> t,
    TimeProvider time,
    Infrastructure.Web.PublicAddress site,
    UnsubscribeLinks unsubscribeLinks)
{
    /// <summary>The confirmation email; <paramref name="firstName"/> is looked up when not given (a resend).</summary>
    public async Task QueueConfirmationAsync(RegistryUser user, string? firstName = null)
    {
        firstName ??= await db.Professionals.AsNoTracking().Where(p => p.UserId == user.Id).Select(p => p.FirstName).FirstOrDefaultAsync() ?? string.Empty;
        var code = Encode(await users.GenerateEmailConfirmationTokenAsync(user));
        var link = Link("ConfirmEmail", new { userId = user.Id, code });
        Queue("confirm-email", user.Email!, firstName, CultureInfo.CurrentUICulture,
            t["Confirm your email for Registry"],
            [t["Hello {0},", firstName], t["The requested account has been created. To finish, confirm your email by opening this link:"]],
            link,
            t["Confirm my email"],
            [t["The link works for 3 days. If you did not create an account, ignore this email."]]);
    }

    public async Task QueueSomeoneTriedToRegisterAsync(RegistryUser owner)
    {
        var culture = await PreferredCultureAsync(owner.Id);
        using var _ = new CultureScope(culture);
        Queue("already-registered", owner.Email!, null, culture,
            t["Someone tried to create a Registry account with your email"],
            [t["Someone, perhaps you, tried to create a Registry account with this email address. You already have an account, so no new one was made."],
             t["To sign in, use this link. If you have forgotten your password, choose \"Forgot your password?\" on that page."]],
            Link("SignIn", null),
            t["Sign in to Registry"],
            [t["If this was not you, you can ignore this email: your account has not changed."]]);
    }

    public async Task QueuePasswordResetAsync(RegistryUser user)
    {
        var culture = await PreferredCultureAsync(user.Id);
        using var _ = new CultureScope(culture);
        var code = Encode(await users.GeneratePasswordResetTokenAsync(user));
        Queue("reset-password", user.Email!, null, culture,
            t["Reset your Registry password"],
            [t["Someone asked to reset the password of your Registry account. To choose a new password, open this link:"]],
            Link("ResetPassword", new { userId = user.Id, code }),
            t["Choose a new password"],
            [t["The link works once, for 3 days. If you did not ask, ignore this email: your password has not changed."]]);
    }

    public async Task QueueEmailChangeAsync(RegistryUser user, string newEmail)
    {
        var culture = await PreferredCultureAsync(user.Id);
        using var _ = new CultureScope(culture);
        var code = Encode(await users.GenerateChangeEmailTokenAsync(user, newEmail));
        Queue("change-email", newEmail, null, culture,
            t["Confirm your new email for Registry"],
            [t["You asked to sign in to Registry with this email address from now on. To confirm it, open this link:"]],
            Link("ConfirmEmailChange", new { userId = user.Id, email = newEmail, code }),
            t["Confirm my new email"],
            [t["The link works for 3 days. Until you open it, your old address stays in use."]]);
    }

    /// <summary>The answer to an administrative access request, approved or denied, with the reason.</summary>
    public async Task QueueAccessDecisionAsync(string userId, bool approved, IReadOnlyList<string> sites, DateTimeOffset? expiresAt, string? reason)
    {
        var user = await users.FindByIdAsync(userId) ?? throw new InvalidOperationException("The requester's account is gone.");
        var culture = await PreferredCultureAsync(userId);
        using var _ = new CultureScope(culture);
        var siteList = string.Join("; ", sites);
        if (approved)
        {
            Queue("access-approved", user.Email!, null, culture,
                t["Your administrative access to Registry is approved"],
                [t["Registry staff approved your access to: {0}.", siteList], t["It lasts until {0}. We will remind you before it ends.", expiresAt!.Value.ToString("D", culture)]],
                Link("Index", null, "Access"),
                t["Open your sites"],
                []);
        }
        else
        {
            Queue("access-denied", user.Email!, null, culture,
                t["Your administrative access request was not approved"],
                [t["Registry staff did not approve your access to: {0}.", siteList], t["The reason: {0}", reason!]],
                Link("Index", null, "Access"),
                t["Send a new request"],
                [t["You can send a new request with the proof the reason asks for."]]);
        }
    }

    /// <summary>"Your access ends soon": written by the reminder job, a "deadlines" message (those who turned them off do not get it).</summary>
    public Task<bool> QueueAccessEndingAsync(string userId, IReadOnlyList<string> sites, DateTimeOffset expiresAt) =>
        QueueNoticeAsync(userId, "access-ending", (t, culture) =>
            (t["Your administrative access to Registry ends soon"],
             [t["Your access to {0} ends on {1}.", string.Join("; ", sites), expiresAt.ToString("D", culture)].Value, t["To keep it, send a new request with current proof of your position:"].Value],
             t["Request access again"]),
            site.Link("/access/request"),
            Domain.Messages.MessageKind.Deadlines);

    /// <summary>
    /// A notice in the person's language. An optional <paramref name="category"/> is not sent to
    /// someone who turned it off, and carries a one-click unsubscribe link (in the text and the
    /// List-Unsubscribe header); account messages always go. Returns whether it was queued.
    /// </summary>
    public async Task<bool> QueueNoticeAsync(string userId, string kind, Func<IStringLocalizer<SharedResource>, CultureInfo, (string Subject, string[] Paragraphs, string LinkText)> write, string link, Domain.Messages.MessageKind category = Domain.Messages.MessageKind.Account)
    {
        var user = await users.FindByIdAsync(userId);
        if (user?.Email is null
            || (category != Domain.Messages.MessageKind.Account && await db.MessageOptOuts.AnyAsync(o => o.UserId == userId && o.Kind == category)))
        {
            return false;
        }

        var culture = await PreferredCultureAsync(userId);
        using var _ = new CultureScope(culture);
        var (subject, paragraphs, linkText) = write(t, culture);
        if (category == Domain.Messages.MessageKind.Account)
        {
            Queue(kind, user.Email, null, culture, subject, paragraphs, link, linkText, []);
            return true;
        }

        var unsubscribe = Link("Unsubscribe", new { token = unsubscribeLinks.Token(userId, category) }, "Messages");
        Queue(kind, user.Email, null, culture, subject, paragraphs, link, linkText, [t["To stop these messages ({0}), open {1}", t["MessageKind" + category].Value, unsubscribe].Value])
            .WithUnsubscribe(unsubscribe);
        return true;
    }

    /// <summary>
    /// Someone signed up with an address whose account was started and never confirmed: nothing new
    /// is made; the address's owner gets the confirmation link (which, opened in another browser,
    /// asks for that account's password or lets them choose their own).
    /// </summary>
    public async Task QueueUnconfirmedAccountAsync(RegistryUser owner)
    {
        var culture = await PreferredCultureAsync(owner.Id);
        using var _ = new CultureScope(culture);
        var code = Encode(await users.GenerateEmailConfirmationTokenAsync(owner));
        Queue("confirm-email", owner.Email!, null, culture,
            t["Someone tried to create a Registry account with your email"],
            [t["Someone, perhaps you, tried to create a Registry account with this email address. An account with this address was started before and its email was never confirmed, so no new one was made."],
             t["If you started it, confirm your email with this link. If you did not, open the link anyway and choose your own password: the account becomes yours, and whoever started it cannot sign in."]],
            Link("ConfirmEmail", new { userId = owner.Id, code }),
            t["Confirm my email"],
            [t["The link works for 3 days. Nobody can sign in to the account until its email is confirmed."]]);
    }

    /// <summary>A one-time link that signs the person in (the way out of a sign-in pause).</summary>
    public async Task QueueSignInLinkAsync(RegistryUser user, string code)
    {
        var culture = await PreferredCultureAsync(user.Id);
        using var _ = new CultureScope(culture);
        Queue("sign-in-link", user.Email!, null, culture,
            t["Your link to sign in to Registry"],
            [t["Someone, perhaps you, asked for a link to sign in to Registry. Signing in with it ends any pause on your account and signs you out everywhere else."]],
            Link("SignInLink", new { userId = user.Id, code }),
            t["Sign in to Registry"],
            [t["The link works once, for 10 minutes. If you did not ask for it, someone may be trying to guess your password: you can ignore this email, or change your password."]]);
    }

    /// <summary>"Your password was changed": to the person, so a change they did not make is noticed.</summary>
    public Task QueuePasswordChangedAsync(RegistryUser user) =>
        QueueSecurityNoticeAsync(user, user.Email!, "password-changed",
            t => t["Your Registry password was changed"].Value,
            t => t["The password of your Registry account was changed, and every other signed-in device was signed out."].Value,
            Link("ForgotPassword", null),
            t => t["Reset my password"].Value);

    /// <summary>"Your second factor changed" (set up, turned off, new recovery codes, a recovery code used, reset by an administrator).</summary>
    public Task QueueSecondFactorChangedAsync(RegistryUser user, string what) =>
        QueueSecurityNoticeAsync(user, user.Email!, "second-factor-changed",
            t => t["The second factor of your Registry account changed"].Value,
            _ => what,
            Link("Index", null, "TwoFactor"),
            t => t["Open my second factor"].Value);

    /// <summary>To the old address after an email change, with a link that undoes it for 7 days.</summary>
    public Task QueueEmailChangedAsync(RegistryUser user, string oldEmail, string newEmail, string undoToken) =>
        QueueSecurityNoticeAsync(user, oldEmail, "undo-email-change",
            t => t["Your Registry sign-in email was changed"].Value,
            t => t["The email you sign in to Registry with was changed from {0} to {1}.", oldEmail, newEmail].Value,
            Link("UndoEmailChange", new { token = undoToken }),
            t => t["This was not me: undo it"].Value);

    private async Task QueueSecurityNoticeAsync(RegistryUser user, string to, string kind, Func<IStringLocalizer<SharedResource>, string> subject, Func<IStringLocalizer<SharedResource>, string> what, string link, Func<IStringLocalizer<SharedResource>, string> linkText)
    {
        var culture = await PreferredCultureAsync(user.Id);
        using var _ = new CultureScope(culture);
        Queue(kind, to, null, culture, subject(t), [what(t), t["If this was you, there is nothing to do. If it was not, act now:"]], link, linkText(t),
            [t["This email is about your account's security, so it is always sent."]]);
    }

    /// <summary>An absolute link to a page on the registry's public address, for an email.</summary>
    public string LinkTo(string action, string controller, object? values = null) => Link(action, values, controller);

    public static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    public static string? Decode(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private async Task<CultureInfo> PreferredCultureAsync(string userId)
    {
        var language = await db.Professionals.AsNoTracking().IgnoreQueryFilters().Where(p => p.UserId == userId).Select(p => p.PreferredLanguage).FirstOrDefaultAsync();
        return Languages.CultureFor(language ?? Languages.Current);
    }

    /// <summary>
    /// An absolute link on the configured public address (Site:PublicUrl), never on the request's:
    /// its Host header is whatever the sender typed, and a reset link on their host hands them the token.
    /// </summary>
    private string Link(string action, object? values, string controller = "Account") => site.LinkToAction(action, controller, values);

    private OutboxMessage Queue(string kind, string to, string? toName, CultureInfo culture, string subject, string[] paragraphs, string link, string linkText, string[] after)
    {
        var text = new StringBuilder();
        var html = new StringBuilder($"<!DOCTYPE html><html lang=\"{culture.Name}\"><body style=\"font-family:sans-serif\">");
        foreach (var paragraph in paragraphs)
        {
            text.AppendLine(paragraph).AppendLine();
            html.Append("<p>").Append(WebUtility.HtmlEncode(paragraph)).Append("</p>");
        }

        text.AppendLine(link).AppendLine();
        html.Append("<p><a href=\"").Append(WebUtility.HtmlEncode(link)).Append("\">").Append(WebUtility.HtmlEncode(linkText)).Append("</a></p>");
        foreach (var paragraph in after)
        {
            text.AppendLine(paragraph).AppendLine();
            html.Append("<p>").Append(WebUtility.HtmlEncode(paragraph)).Append("</p>");
        }

        text.AppendLine("— Registry");
        html.Append("<p>— Registry</p></body></html>");
        var message = new OutboxMessage(kind, to, toName, subject, text.ToString(), html.ToString(), time.GetUtcNow());
        db.OutboxMessages.Add(message);
        return message;
    }

    /// <summary>Writes an email in another person's language, then restores the request's.</summary>
    private sealed class CultureScope : IDisposable
    {
        private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
        private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

        public CultureScope(CultureInfo culture)
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
        }

        public void Dispose()
        {
            CultureInfo.CurrentCulture = _culture;
            CultureInfo.CurrentUICulture = _uiCulture;
        }
    }
}
