using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Domain.Messages;
using Registry.Web.Infrastructure.Email;

namespace Registry.IntegrationTests.Messages;

/// <summary>
/// What a person chooses to receive: the preferences page, optional messages skipped once turned
/// off while account messages still go, and the one-click unsubscribe link (valid, changed, used
/// twice, and posted by a mail program without a form token) with its List-Unsubscribe header.
/// </summary>
public sealed class MessagePreferencesTests : IClassFixture<RegistryAppFactory>
{
    private readonly RegistryAppFactory _app;

    public MessagePreferencesTests(RegistryAppFactory app) => _app = app;

    private async Task<IReadOnlyList<MessageKind>> OffAsync(string userId)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().MessageOptOuts.Where(o => o.UserId == userId).Select(o => o.Kind).OrderBy(k => k).ToListAsync();
    }

    private async Task<string> UserIdAsync(int professionalId)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Professionals.Where(p => p.Id == professionalId).Select(p => p.UserId).SingleAsync();
    }

    /// <summary>Queues a notice of <paramref name="category"/> as the registry's jobs do; returns the outbox row, or null when not sent.</summary>
    private async Task<OutboxMessage?> NoticeAsync(string userId, MessageKind category)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var emails = scope.ServiceProvider.GetRequiredService<AccountEmails>();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var kind = $"test-{category}-{Guid.NewGuid():N}"[..40];
        var queued = await emails.QueueNoticeAsync(userId, kind, (t, _) => ("Your permit expires soon", ["Renew it before it lapses."], "Open My Registry"), "https://registry.test/my-registry", category);
        await db.SaveChangesAsync();
        Assert.Equal(queued, await db.OutboxMessages.AnyAsync(m => m.Kind == kind));
        return await db.OutboxMessages.AsNoTracking().SingleOrDefaultAsync(m => m.Kind == kind);
    }

    [Fact]
    public async Task A_person_turns_optional_kinds_off_and_on_but_account_messages_always_go()
    {
        var (client, professionalId) = await _app.SignedInProfessionalAsync();
        var userId = await UserIdAsync(professionalId);
        var page = await client.GetPageAsync("/my-registry/messages");
        Assert.True(page.QuerySelector("#kind-Account")!.HasAttribute("disabled"));
        Assert.All(Registry.Web.Domain.Messages.MessageKinds.Optional, k => Assert.True(page.QuerySelector($"#kind-{k}")!.HasAttribute("checked")));

        var form = page.Forms.First(f => f.GetAttribute("action") == "/my-registry/messages");
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using (var saved = await client.PostAsync(new Uri("/my-registry/messages", UriKind.Relative), new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("wanted", "Deadlines")])))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        Assert.Equal([MessageKind.TrainingNearby, MessageKind.News], await OffAsync(userId));
        page = await client.GetPageAsync("/my-registry/messages?saved=true");
        Assert.False(page.QuerySelector("#kind-News")!.HasAttribute("checked"));
        Assert.True(page.QuerySelector("#kind-Deadlines")!.HasAttribute("checked"));

        // Account messages are not a choice: asking to "want" them is refused beside the field, nothing changes.
        var bad = await client.PostAsync(new Uri("/my-registry/messages", UriKind.Relative), new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("wanted", "Account")]));
        var badPage = await bad.ReadPageAsync();
        Assert.Equal("Choose from the kinds of message listed.", badPage.GetElementById("wanted-error")!.TextContent.Replace("Error:", string.Empty, StringComparison.Ordinal).Trim());
        Assert.Equal([MessageKind.TrainingNearby, MessageKind.News], await OffAsync(userId));

        // What is off is not sent; what is on is, with its unsubscribe link; account messages always.
        Assert.Null(await NoticeAsync(userId, MessageKind.News));
        var deadline = await NoticeAsync(userId, MessageKind.Deadlines);
        Assert.NotNull(deadline!.UnsubscribeUrl);
        Assert.Contains(deadline.UnsubscribeUrl, deadline.TextBody, StringComparison.Ordinal);
        using (var all = await client.PostAsync(new Uri("/my-registry/messages", UriKind.Relative), new FormUrlEncodedContent([new("__RequestVerificationToken", token)])))
        {
            Assert.Equal(HttpStatusCode.Redirect, all.StatusCode);
        }

        Assert.Equal(3, (await OffAsync(userId)).Count);
        var account = await NoticeAsync(userId, MessageKind.Account);
        Assert.NotNull(account);
        Assert.Null(account!.UnsubscribeUrl);
    }

    [Fact]
    public async Task The_email_link_turns_one_kind_off_without_signing_in_once_and_a_changed_link_does_nothing()
    {
        var (_, professionalId) = await _app.SignedInProfessionalAsync();
        var userId = await UserIdAsync(professionalId);
        var message = await NoticeAsync(userId, MessageKind.Deadlines);
        var link = new Uri(message!.UnsubscribeUrl!);

        // The header a mail program offers as "unsubscribe", in the file the outbox writes.
        string folder;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            folder = scope.ServiceProvider.GetRequiredService<IOptions<EmailOptions>>().Value.PickupFolder;
        }

        var deadline = DateTime.UtcNow.AddSeconds(20);
        string? eml = null;
        while (eml is null && DateTime.UtcNow < deadline)
        {
            eml = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.eml").Select(File.ReadAllText).FirstOrDefault(text => text.Contains(link.Query.TrimStart('?')[..30], StringComparison.Ordinal)) : null;
            await Task.Delay(200);
        }

        Assert.NotNull(eml);
        Assert.Contains($"List-Unsubscribe: <{message.UnsubscribeUrl}>", System.Text.RegularExpressions.Regex.Replace(eml, @"\r?\n[ \t]+", " "), StringComparison.Ordinal);
        Assert.Contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click", eml, StringComparison.Ordinal);

        // Anyone holding the email: a page that asks, then does it; no sign-in.
        var anonymous = _app.CreateBrowserLikeClient();
        var ask = await anonymous.GetPageAsync(link.PathAndQuery);
        Assert.NotNull(ask.GetElementById("unsubscribe"));
        Assert.Empty(await OffAsync(userId));
        var done = await (await anonymous.PostFormAsync(ask.Forms.First(f => f.GetAttribute("action")!.StartsWith("/unsubscribe", StringComparison.Ordinal)))).ReadPageAsync();
        Assert.Equal("Done: you will no longer receive Deadlines and compliance reminders.", done.GetElementById("unsubscribe-done")!.TextContent.Trim());
        Assert.Equal([MessageKind.Deadlines], await OffAsync(userId));

        // Used again (or by the mail program's one-click POST, with no form token): nothing more, and said so.
        using var oneClick = await anonymous.PostAsync(new Uri(link.PathAndQuery, UriKind.Relative), new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        Assert.StartsWith("These messages were already turned off", (await oneClick.ReadPageAsync()).GetElementById("unsubscribe-done")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal([MessageKind.Deadlines], await OffAsync(userId));

        // A changed token: refused, nothing changes.
        var query = System.Web.HttpUtility.ParseQueryString(link.Query);
        var token = query["token"]!;
        var changed = token[..^3] + (token[^3] == 'A' ? "B" : "A") + token[^2..];
        var refused = await anonymous.GetPageAsync($"/unsubscribe?token={Uri.EscapeDataString(changed)}", HttpStatusCode.BadRequest);
        Assert.NotNull(refused.GetElementById("unsubscribe-invalid"));
        using var forged = await anonymous.PostAsync(new Uri($"/unsubscribe?token={Uri.EscapeDataString(changed)}", UriKind.Relative), new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal([MessageKind.Deadlines], await OffAsync(userId));
    }
}
