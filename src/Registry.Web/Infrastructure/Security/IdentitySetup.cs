using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Registry.Web.Data;
using Registry.Web.Infrastructure.Jobs;

namespace Registry.Web.Infrastructure.Security;

/// <summary>Accounts, sign-in and its cookies, sessions, throttles, antiforgery and the Data Protection keys.</summary>
public static class IdentitySetup
{
    public static WebApplicationBuilder AddRegistryIdentity(this WebApplicationBuilder builder)
    {
        builder.Services
            .AddIdentity<RegistryUser, IdentityRole>(options =>
            {
                options.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedEmail = true;
                options.Password.RequiredLength = RegistryPasswords.MinimumLength;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireDigit = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireLowercase = false;

                // Wrong passwords and codes pause signing in by email and client address (SignInThrottles),
                // never the account itself: Identity's own lockout, which anyone could trigger, is off.
                options.Lockout.AllowedForNewUsers = false;
                options.Lockout.MaxFailedAccessAttempts = int.MaxValue;
                options.Tokens.AuthenticatorTokenProvider = RegistryAuthenticatorTokenProvider.Name;
                options.Tokens.AuthenticatorIssuer = "Registry";
            })
            .AddEntityFrameworkStores<RegistryDbContext>()
            .AddUserStore<RegistryUserStore>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<RegistryAuthenticatorTokenProvider>(RegistryAuthenticatorTokenProvider.Name)
            .AddTokenProvider<SignInLinkTokenProvider>(SignInLinkTokenProviderOptions.ProviderName)
            .AddSignInManager<RegistrySignInManager>()
            .AddPasswordValidator<CommonPasswordValidator>();
        builder.Services.AddScoped(sp => (RegistrySignInManager)sp.GetRequiredService<SignInManager<RegistryUser>>());
        builder.Services.Configure<PasswordHasherOptions>(options => options.IterationCount = RegistryPasswords.HashIterations);
        builder.Services.AddRegistryPasskeys();
        builder.Services.Configure<SignInThrottleOptions>(builder.Configuration.GetSection(SignInThrottleOptions.Section));
        builder.Services.AddScoped<SignInThrottles>();
        builder.Services.AddHourlyJob<AccountTidy>();

        // Confirmation and reset links work for 3 days, as their emails say.
        builder.Services.Configure<DataProtectionTokenProviderOptions>(options => options.TokenLifespan = TimeSpan.FromDays(3));

        builder.Services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/account/sign-in";
            options.LogoutPath = "/account/sign-out";
            options.AccessDeniedPath = "/error/403";
            // __Host-: only this host, path /, secure (ASVS 3.4.4); plain HTTP in Development cannot carry such a cookie.
            options.Cookie.Name = builder.Environment.IsDevelopment() ? "Registry.Session" : "__Host-Registry.Session";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            options.SlidingExpiration = true;

            // Every request checks the server-side session behind the cookie (AccountSessions): signed
            // out, ended elsewhere, idle, past its absolute lifetime, or the account's stamp changed.
            options.Events.OnValidatePrincipal = AccountSessions.ValidatePrincipalAsync;

            // The JSON API answers 401 and 403 instead of redirecting to the sign-in page.
            options.Events.OnRedirectToLogin = context => Api(context, StatusCodes.Status401Unauthorized, () => context.Response.Redirect(context.RedirectUri));
            options.Events.OnRedirectToAccessDenied = context =>
            {
                // A refused request is worth an operator's eye (ASVS 7.2.2): who, what, never the page's data.
                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Registry.Authorization")
                    .LogWarning("Refused: account {UserId} may not {Method} {Path}", context.HttpContext.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, context.Request.Method, context.Request.Path.Value);
                return Api(context, StatusCodes.Status403Forbidden, () => context.Response.Redirect(context.RedirectUri));
            };
            static Task Api(RedirectContext<CookieAuthenticationOptions> context, int status, Action redirect)
            {
                if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
                {
                    context.Response.StatusCode = status;
                }
                else
                {
                    redirect();
                }

                return Task.CompletedTask;
            }
        });
        // The cookie's own idle limit is the session's (Sessions:IdleTimeout), read once options are built.
        builder.Services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<Microsoft.Extensions.Options.IOptions<AccountSessionOptions>>((cookie, sessions) => cookie.ExpireTimeSpan = sessions.Value.IdleTimeout);
        builder.Services.ConfigureExternalCookie(options => options.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always);
        builder.Services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme)
            .Configure(options => options.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always);
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "Registry.Antiforgery";
            options.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });
        builder.Services.AddRegistryAuthorization();

        // Keys that protect sign-in cookies and email links live in the database: they outlive a
        // restart, and a link made by one app instance works on every other. With a certificate
        // (DataProtection:CertificatePath, a PFX, and its password) they are encrypted there too.
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("Registry").PersistKeysToDbContext<RegistryDbContext>();
        if (builder.Configuration["DataProtection:CertificatePath"] is { Length: > 0 } keyCertificatePath)
        {
            var keyCertificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(
                Path.GetFullPath(keyCertificatePath, builder.Environment.ContentRootPath), builder.Configuration["DataProtection:CertificatePassword"]);
            dataProtection.ProtectKeysWithCertificate(keyCertificate).UnprotectKeysWithAnyCertificate(keyCertificate);
        }
        builder.Services.AddSingleton<SignUpBrowser>();
        builder.Services.AddSingleton<EmailChangeUndo>();
        builder.Services.AddScoped<AccountSessions>();
        builder.Services.Configure<AccountSessionOptions>(builder.Configuration.GetSection(AccountSessionOptions.Section));
        builder.Services.AddScoped<SecurityAudit>();
        builder.Services.AddScoped<CurrentProfessional>();
        builder.Services.AddScoped<AccessLogService>();
        builder.Services.AddSingleton<RecentLooks>();
        builder.Services.AddScoped<SecondFactorReset>();
        return builder;
    }
}
