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
        var (client, userId, professionalId, _) = await app.StaffWithRecordAsync();
        return (client, userId, professionalId);
    }

    /// <summary>As <see cref="SignedInStaffWithRecordAsync"/>, with a way to sign in again (a merge ends the kept account's sessions).</summary>
    public static async Task<(HttpClient Client, string UserId, int ProfessionalId, Func<Task<HttpClient>> SignInAgainAsync)> StaffWithRecordAsync(this RegistryAppFactory app)
    {
        var (email, userId, professionalId) = await app.ProfessionalAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<RegistryUser>>();
            Assert.True((await users.AddToRoleAsync((await users.FindByIdAsync(userId))!, Roles.RegistryStaff)).Succeeded);
        }

        var key = await app.EnableAsync(userId);
        return (await SignInAsync(), userId, professionalId, SignInAsync);

        async Task<HttpClient> SignInAsync()
        {
            var client = app.CreateBrowserLikeClient();
            var response = await app.SignInAsync(client, email, userId: userId, key: key);
            Assert.Equal("/my-registry", response.Headers.Location?.OriginalString);
            return client;
        }
    }
}
