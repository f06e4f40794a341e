using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;

namespace Registry.IntegrationTests.Account;

/// <summary>An email change is told to the old address, whose link puts it back and shuts out whoever changed it.</summary>
public sealed partial class EmailChangeUndoTests(MailAppFactory app) : IClassFixture<MailAppFactory>
{
    [Fact]
    public async Task The_old_address_is_told_of_an_email_change_and_can_undo_it_which_signs_everyone_out()
    {
        var (email, userId, professionalId) = await app.ProfessionalAsync();
        var intruder = app.CreateBrowserLikeClient();
        await app.SignInAsync(intruder, email);
        var newEmail = $"intruder.{Guid.NewGuid():N}@example.org";
        await new SignUpDriver(intruder).SubmitAsync("/account/change-email", "/account/change-email", new Dictionary<string, string> { ["NewEmail"] = newEmail, ["CurrentPassword"] = TestAccounts.Password });
        var confirm = (await app.Smtp.WaitForAsync(m => To(m, newEmail))).Single();
        using (var changed = await intruder.GetAsync(new Uri(new Uri(ChangeLink().Match(confirm.TextBody!).Value).PathAndQuery, UriKind.Relative)))
        {
            Assert.Equal("/my-registry", changed.Headers.Location?.OriginalString);
        }

        Assert.Equal(newEmail, await EmailAsync(userId));

        // The old address hears of it, with a link on the registry's own address.
        var notice = (await app.Smtp.WaitForAsync(m => To(m, email) && m.Subject == "Your Registry sign-in email was changed")).Single();
        Assert.Contains($"from {email} to {newEmail}", notice.TextBody, StringComparison.Ordinal);
        var undoLink = new Uri(UndoLink().Match(notice.TextBody!).Value);
        Assert.Equal("registry.test", undoLink.Host);

        var owner = app.CreateBrowserLikeClient();
        var page = await owner.GetPageAsync(undoLink.PathAndQuery);
        using (var undone = await owner.PostFormAsync(page.Forms.Single(f => f.Action.EndsWith("/account/undo-email-change", StringComparison.Ordinal))))
        {
            Assert.Equal("The email change is undone", (await undone.ReadPageAsync()).QuerySelector("h1")?.TextContent);
        }

        Assert.Equal(email, await EmailAsync(userId));
        Assert.Equal(email, await ProfileEmailAsync(professionalId));
        using (var out1 = await intruder.GetAsync(new Uri("/my-registry", UriKind.Relative)))
        {
            Assert.Equal("/account/sign-in", out1.Headers.Location?.AbsolutePath);
        }

        // The new address signs in no more; a reset link went to the old one.
        using (var tried = await new SignUpDriver(app.CreateBrowserLikeClient()).SubmitAsync("/account/sign-in", "/account/sign-in", new Dictionary<string, string> { ["Email"] = newEmail, ["Password"] = TestAccounts.Password }))
        {
            Assert.Contains("do not match an account", (await tried.ReadPageAsync()).GetElementById("sign-in-message")?.TextContent, StringComparison.Ordinal);
        }

        Assert.Single(await app.Smtp.WaitForAsync(m => To(m, email) && m.Subject == "Reset your Registry password"));
        await using var scope = app.Services.CreateAsyncScope();
        var kinds = await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().SecurityEvents.Where(e => e.SubjectUserId == userId).OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync();
        Assert.Equal(["EmailChangeRequested", "EmailChanged", "EmailChangeUndone"], kinds.Where(k => k.StartsWith("Email", StringComparison.Ordinal)));

        // A link that was tampered with does nothing.
        await owner.GetPageAsync(undoLink.AbsolutePath + "?token=forged", HttpStatusCode.NotFound);
    }

    private static bool To(MimeKit.MimeMessage message, string email) => message.To.Mailboxes.Any(a => a.Address == email);

    private async Task<string> EmailAsync(string userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Users.Where(u => u.Id == userId).Select(u => u.Email!).SingleAsync();
    }

    private async Task<string> ProfileEmailAsync(int professionalId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Professionals.Where(p => p.Id == professionalId).Select(p => p.Email).SingleAsync();
    }

    [GeneratedRegex(@"https://\S+/account/confirm-email-change\?\S+")]
    private static partial Regex ChangeLink();

    [GeneratedRegex(@"https://\S+/account/undo-email-change\?\S+")]
    private static partial Regex UndoLink();
}
