using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Registry.Web.Infrastructure.Web;

/// <summary>
/// Per-client limits on the actions attackers automate: signing in, registering, sending
/// account emails, looking up employers, trying registry ids and certificate codes on the public
/// verification page. Exceeding one answers 429 with the friendly error page (status code pages
/// re-execute /error/429).
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string SignUp = "sign-up";
    public const string Email = "account-email";
    public const string EmployerLookup = "employer-lookup";
    public const string Verify = "verify";

    public static IServiceCollection AddRegistryRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("RateLimits");
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            Add(options, SignIn, section.GetValue("SignInPerMinute", 10));
            Add(options, SignUp, section.GetValue("SignUpPerMinute", 30));
            Add(options, Email, section.GetValue("AccountEmailsPerMinute", 5));
            Add(options, EmployerLookup, section.GetValue("EmployerLookupsPerMinute", 120));

            // Enough for an employer checking a stack of cards or certificates by hand; too few to
            // walk the registry id space looking for public records.
            Add(options, Verify, section.GetValue("VerifyPerMinute", 30));
        });
        return services;
    }

    private static void Add(RateLimiterOptions options, string policy, int perMinute) =>
        options.AddPolicy(policy, context => RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
}
