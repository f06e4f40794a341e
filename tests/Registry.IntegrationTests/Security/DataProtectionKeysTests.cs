using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;

namespace Registry.IntegrationTests.Security;

/// <summary>
/// The Data Protection keys (sign-in cookies, antiforgery, email and unsubscribe links,
/// certificates) are kept in the database; with DataProtection:CertificatePath they are encrypted
/// there: the stored XML holds no key in the clear, another instance with the certificate reads
/// what the first protected, and one without it cannot.
/// </summary>
#pragma warning disable CA1001 // Disposed in IAsyncLifetime.DisposeAsync.
public sealed class DataProtectionKeysTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private readonly ScratchFolder _folder = new("keys");
    private string _certificate = null!;

    public async Task InitializeAsync()
    {
        _certificate = _folder["keys.pfx"];
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Registry Data Protection", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5));
        await File.WriteAllBytesAsync(_certificate, made.Export(X509ContentType.Pfx, "secret"));
    }

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task With_a_certificate_the_keys_are_encrypted_in_the_database_and_only_instances_with_it_can_use_them()
    {
        await using var first = new KeysApp(new() { ["DataProtection:CertificatePath"] = _certificate, ["DataProtection:CertificatePassword"] = "secret" });
        var (client, _) = await first.SignedInProfessionalAsync();
        await client.GetPageAsync("/my-registry");
        var link = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("a confirmation link");

        string xml;
        await using (var scope = first.Services.CreateAsyncScope())
        {
            xml = (await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().DataProtectionKeys.AsNoTracking().SingleAsync()).Xml!;
        }

        Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);

        // Another instance on the same database: with the certificate it reads the link, without it it cannot.
        var withCertificate = first.SameDatabase();
        withCertificate["DataProtection:CertificatePath"] = _certificate;
        withCertificate["DataProtection:CertificatePassword"] = "secret";
        await using (var second = new KeysApp(withCertificate))
        {
            Assert.Equal("a confirmation link", second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(link));
        }

        await using var without = new KeysApp(first.SameDatabase());
        Assert.ThrowsAny<CryptographicException>(() => without.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(link));
    }

    [Fact]
    public async Task Without_a_certificate_the_keys_are_kept_in_the_database_and_shared_by_instances()
    {
        await using var first = new KeysApp([]);
        await first.SignedInProfessionalAsync();
        var link = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("a confirmation link");

        await using var second = new KeysApp(first.SameDatabase());
        Assert.Equal("a confirmation link", second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(link));
    }

    private sealed class KeysApp(Dictionary<string, string?> settings) : RegistryAppFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => settings;
    }
}
