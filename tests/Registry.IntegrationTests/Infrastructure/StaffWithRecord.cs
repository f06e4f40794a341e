using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Registry.Web.Infrastructure.Security;

namespace Registry.IntegrationTests.Infrastructure;

/// <summary>Registry staff who keep a record of their own (they work in early care too), for the separation-of-duties tests.</summary>
public static class StaffWithRecord
{
    /// <summary>A professional who is also registry staff, signed in with their second factor.</summary>
    public static async Task<(HttpClient Client, string UserId, int ProfessionalId)> SignedInStaffWithRecordAsync(this RegistryAppFactory app)
    {
        var (email, userId, professionalId) = await app.ProfessionalAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<RegistryUser>>();
            Assert.True((await users.AddToRoleAsync((await users.FindByIdAsync(userId))!, Roles.RegistryStaff)).Succeeded);
        }

        var key = await app.EnableAsync(userId);
        var client = app.CreateBrowserLikeClient();
        var response = await app.SignInAsync(client, email, userId: userId, key: key);
        Assert.Equal("/my-registry", response.Headers.Location?.OriginalString);
        return (client, userId, professionalId);
    }
}
