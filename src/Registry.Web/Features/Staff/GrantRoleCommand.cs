using Microsoft.AspNetCore.Identity;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Staff;

/// <summary>
/// <c>dotnet run --project src/Registry.Web -- grant-role EMAIL RegistryStaff|Administrator [--remove]</c>:
/// gives (or takes away) a registry-wide role, so the first staff member can be made from the
/// command line of the server. Like the administrators' page it is audited (the actor is "command
/// line (USER)", the operating-system account that ran it) and ends the account's sessions.
/// </summary>
public static class GrantRoleCommand
{
    public const string Name = "grant-role";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        var values = args.Skip(1).Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        var remove = args.Contains("--remove");
        if (values.Count != 2 || !Roles.All.Contains(values[1]))
        {
            await output.WriteLineAsync($"Usage: {Name} EMAIL {string.Join('|', Roles.All)} [--remove]");
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<SecurityAudit>().CommandLineActor = SecurityAudit.CommandLine();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<RegistryUser>>();
        if (await users.FindByEmailAsync(values[0]) is not { } user)
        {
            await output.WriteLineAsync($"No account with the email {values[0]}. The person signs up first.");
            return 1;
        }

        var result = await scope.ServiceProvider.GetRequiredService<AccountRoles.Handler>().ChangeRoleAsync(user, values[1], give: !remove, CancellationToken.None);
        await output.WriteLineAsync(result.Succeeded
            ? $"{values[0]} {(remove ? "no longer has" : "now has")} the role {values[1]}."
            : $"Not done: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        return result.Succeeded ? 0 : 1;
    }
}
