using Registry.IntegrationTests.Infrastructure;

namespace Registry.IntegrationTests.SignUp;

/// <summary>With the SMTP server down, sign-up still succeeds and the email goes out, once, when the server is back.</summary>
public sealed class MailDownTests : IClassFixture<MailAppFactory>
{
    private readonly MailAppFactory _app;

    public MailDownTests(MailAppFactory app) => _app = app;

    [Fact]
    public async Task Registration_succeeds_while_SMTP_is_down_and_the_email_arrives_once_it_is_back()
    {
        await _app.Smtp.StopAsync();
        var email = $"down.{Guid.NewGuid():N}@example.org";

        var done = await new SignUpDriver(_app.CreateBrowserLikeClient()).CompleteAsync(email);
        Assert.Contains("created successfully", done.QuerySelector("h1")?.TextContent, StringComparison.Ordinal);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.DoesNotContain(_app.Smtp.Received, m => m.To.Mailboxes.Any(a => a.Address == email));

        _app.Smtp.Start();
        var delivered = await _app.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == email), timeout: TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Single(delivered);
        Assert.Single(_app.Smtp.Received, m => m.To.Mailboxes.Any(a => a.Address == email));
    }
}
