using Microsoft.AspNetCore.Authorization;

namespace Registry.Web.Infrastructure.Security;

/// <summary>Named authorization policies. Every page is authorized by one of these, or is public by [AllowAnonymous].</summary>
public static class Policies
{
    /// <summary>Any signed-in account.</summary>
    public const string SignedIn = nameof(SignedIn);

    /// <summary>Registry staff (and administrators): the verification queue, access requests.</summary>
    public const string RegistryStaff = nameof(RegistryStaff);

    /// <summary>Administrators: users and roles.</summary>
    public const string Administrator = nameof(Administrator);

    /// <summary>Analysts, registry staff and administrators: the workforce data beyond what is public.</summary>
    public const string Analyst = nameof(Analyst);
}

public static class AuthorizationSetup
{
    public static IServiceCollection AddRegistryAuthorization(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.SignedIn, policy => policy.RequireAuthenticatedUser())
            .AddPolicy(Policies.RegistryStaff, policy => policy.RequireRole(Roles.RegistryStaff, Roles.Administrator))
            .AddPolicy(Policies.Administrator, policy => policy.RequireRole(Roles.Administrator))
            .AddPolicy(Policies.Analyst, policy => policy.RequireRole(Roles.Analyst, Roles.RegistryStaff, Roles.Administrator))

            // A page that names no policy needs a signed-in user: nothing is public by accident.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddScoped<IAuthorizationHandler, DocumentAuthorizationHandler>();
        services.AddScoped<IAuthorizationHandler, SiteAuthorizationHandler>();
        services.AddScoped<IAuthorizationHandler, StipendAuthorizationHandler>();
        services.AddScoped<IAuthorizationHandler, SponsorAuthorizationHandler>();
        return services;
    }
}
