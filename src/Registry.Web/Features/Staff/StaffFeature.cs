using Registry.Web.Infrastructure.Hosting;

namespace Registry.Web.Features.Staff;

/// <summary>Registry staff's workspace and roles: what this feature adds to the app.</summary>
public static class StaffFeature
{
    public static WebApplicationBuilder AddStaff(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<AccountRoles.Handler>();
        builder.Services.AddCommand(GrantRoleCommand.Name, CommandStage.AfterDatabase, (app, args) => GrantRoleCommand.RunAsync(app.Services, args, Console.Out));
        return builder;
    }
}
