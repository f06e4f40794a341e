namespace Registry.IntegrationTests.Infrastructure;

/// <summary>The app sending its email over SMTP to a <see cref="LoopbackSmtpServer"/> the test controls.</summary>
public class MailAppFactory : RegistryAppFactory
{
    public MailAppFactory()
    {
        Smtp.Start();
    }

    public LoopbackSmtpServer Smtp { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Email:SmtpHost"] = "127.0.0.1",
        ["Email:SmtpPort"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Email:SmtpSecurity"] = "None",
        ["Email:Outbox:FirstBackoff"] = "00:00:01",
    };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
