using Microsoft.AspNetCore.Authorization;

namespace Registry.Web.Infrastructure.Security;

/// <summary>Named authorization policies. Every page is authorized by one of these, or is public by [AllowAnonymous].</summary>
public static class Policies
{
    /// <summary>Any signed-in account.</summary>
    public const string SignedIn = nameof(SignedIn);
}

public static class AuthorizationSetup
{
    public static IServiceCollection AddRegistryAuthorization(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.SignedIn, policy => policy.RequireAuthenticatedUser())

            // A page that names no policy needs a signed-in user: nothing is public by accident.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddScoped<IAuthorizationHandler, DocumentAuthorizationHandler>();
        return services;
    }
}
