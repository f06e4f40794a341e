using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Features.Staff;
using Registry.Web.Infrastructure.Security;

namespace Registry.IntegrationTests.Access;

/// <summary>The first registry staff member is made from the server's command line.</summary>
public sealed class GrantRoleCommandTests : IClassFixture<RegistryAppFactory>
{
    private readonly RegistryAppFactory _app;

    public GrantRoleCommandTests(RegistryAppFactory app) => _app = app;

    [Fact]
    public async Task The_command_gives_and_removes_a_role_and_explains_bad_input()
    {
        var email = $"first.staff.{Guid.NewGuid():N}@example.org";
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<RegistryUser>>();
            Assert.True((await users.CreateAsync(new RegistryUser { UserName = email, Email = email, EmailConfirmed = true }, TestAccounts.Password)).Succeeded);
        }

        var output = new StringWriter();
        Assert.Equal(0, await GrantRoleCommand.RunAsync(_app.Services, [GrantRoleCommand.Name, email, Roles.RegistryStaff], output));
        Assert.Contains("now has the role RegistryStaff", output.ToString(), StringComparison.Ordinal);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<RegistryUser>>();
            Assert.True(await users.IsInRoleAsync((await users.FindByEmailAsync(email))!, Roles.RegistryStaff));
        }

        Assert.Equal(0, await GrantRoleCommand.RunAsync(_app.Services, [GrantRoleCommand.Name, email, Roles.RegistryStaff, "--remove"], TextWriter.Null));
        Assert.Equal(1, await GrantRoleCommand.RunAsync(_app.Services, [GrantRoleCommand.Name, "nobody@example.org", Roles.RegistryStaff], TextWriter.Null));
        var usage = new StringWriter();
        Assert.Equal(2, await GrantRoleCommand.RunAsync(_app.Services, [GrantRoleCommand.Name, email, "Superuser"], usage));
        Assert.StartsWith("Usage: grant-role EMAIL RegistryStaff|Administrator", usage.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_command_is_audited_with_the_command_line_as_the_actor_and_a_change_that_changes_nothing_is_not()
    {
        var email = $"audited.{Guid.NewGuid():N}@example.org";
        string userId;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<RegistryUser>>();
            var user = new RegistryUser { UserName = email, Email = email, EmailConfirmed = true };
            Assert.True((await users.CreateAsync(user, TestAccounts.Password)).Succeeded);
            userId = user.Id;
        }

        Assert.Equal(0, await GrantRoleCommand.RunAsync(_app.Services, [GrantRoleCommand.Name, email, Roles.Administrator], TextWriter.Null));
        Assert.Equal(1, await GrantRoleCommand.RunAsync(_app.Services, [GrantRoleCommand.Name, email, Roles.Administrator], TextWriter.Null));
        Assert.Equal(0, await GrantRoleCommand.RunAsync(_app.Services, [GrantRoleCommand.Name, email, Roles.Administrator, "--remove"], TextWriter.Null));

        await using var check = _app.Services.CreateAsyncScope();
        var entries = await check.ServiceProvider.GetRequiredService<RegistryDbContext>().SecurityEvents.AsNoTracking()
            .Where(e => e.SubjectUserId == userId).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(["RoleGiven", "RoleRemoved"], entries.Select(e => e.Kind));
        Assert.All(entries, e =>
        {
            Assert.Equal($"command line ({Environment.UserName})", e.Actor);
            Assert.Null(e.ActorUserId);
            Assert.Null(e.IpAddress);
            Assert.Equal((email, Roles.Administrator), (e.Subject, e.Detail));
        });
    }
}
