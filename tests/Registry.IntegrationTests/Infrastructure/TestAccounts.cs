using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Registry.Web.Data;
using Registry.Web.Domain.Professionals;
using Registry.Web.Infrastructure.Security;

namespace Registry.IntegrationTests.Infrastructure;

/// <summary>A confirmed professional, made directly in the database, then signed in through the real form.</summary>
public static class TestAccounts
{
    public const string Password = "purple ladders sing at dawn";

    public static async Task<(HttpClient Client, int ProfessionalId)> SignedInProfessionalAsync(this RegistryAppFactory app)
    {
        var (email, _, professionalId) = await app.ProfessionalAsync();
        var client = app.CreateBrowserLikeClient();
        var response = await app.SignInAsync(client, email);
        Assert.Equal("/my-registry", response.Headers.Location?.OriginalString);
        return (client, professionalId);
    }

    /// <summary>A confirmed professional's account and profile, made directly in the database, not signed in.</summary>
    public static async Task<(string Email, string UserId, int ProfessionalId)> ProfessionalAsync(this RegistryAppFactory app)
    {
        var email = $"pro.{Guid.NewGuid():N}@example.org";
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<RegistryUser>>();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var user = new RegistryUser { UserName = email, Email = email, EmailConfirmed = true };
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join(", ", created.Errors.Select(e => e.Code)));
        var professional = new Professional(
            await TestRegistryIds.NextAsync(db), user.Id, new PersonName("Rosa", null, "Ortiz"), new DateOnly(1988, 5, 5), email, DateTimeOffset.UtcNow);
        db.Professionals.Add(professional);
        await db.SaveChangesAsync();
        return (email, user.Id, professional.Id);
    }
}
