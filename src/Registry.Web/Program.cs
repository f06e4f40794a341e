using FluentValidation;
using OpenTelemetry.Metrics;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Registry.Web.Data;
using Registry.Web.Data.Seed;
using Registry.Web.Domain.Rules;
using Registry.Web.Features.Access;
using Registry.Web.Features.Account;
using Registry.Web.Features.Documents;
using Registry.Web.Features.Education;
using Registry.Web.Features.Employers;
using Registry.Web.Features.Export;
using Registry.Web.Features.History;
using Registry.Web.Features.Home;
using Registry.Web.Features.Jobs;
using Registry.Web.Features.MyRegistry;
using Registry.Web.Features.Permits;
using Registry.Web.Features.Profile;
using Registry.Web.Features.Qualifications;
using Registry.Web.Features.SignUp;
using Registry.Web.Features.Staff;
using Registry.Web.Features.Sites;
using Registry.Web.Features.Training;
using Registry.Web.Infrastructure.Email;
using Registry.Web.Infrastructure.Localization;
using Registry.Web.Infrastructure.Security;
using Registry.Web.Infrastructure.Storage;
using Registry.Web.Infrastructure.Web;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddRegistryDatabase(builder.Configuration, builder.Environment);
builder.Services.AddScoped<DatabaseInitializer>();
builder.Services.AddScoped<ImportEmployers.Handler>();
builder.Services.AddScoped<SearchEmployers.Handler>();
builder.Services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Scoped);
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<SignUpDraftStore>();
builder.Services.AddScoped<PersonalStep.Handler>();
builder.Services.AddScoped<EmployerStep.Handler>();
builder.Services.AddScoped<EmploymentStep.Handler>();
builder.Services.AddScoped<CreateProfile.Handler>();
builder.Services.AddScoped<AccountEmails>();
builder.Services.AddScoped<SignIn.Handler>();
builder.Services.AddScoped<TwoFactorSignIn.Handler>();
builder.Services.AddScoped<ConfirmEmail.Handler>();
builder.Services.AddScoped<SignInLink.Handler>();
builder.Services.AddScoped<AccountChanges.Handler>();
builder.Services.AddScoped<Registry.Web.Features.TwoFactor.SecondFactor.Handler>();
builder.Services.AddSingleton<SignUpBrowser>();
builder.Services.AddSingleton<EmailChangeUndo>();
builder.Services.AddScoped<MyRegistryPage.Handler>();
builder.Services.AddScoped<CurrentProfessional>();
builder.Services.AddScoped<RecentChanges.Handler>();
builder.Services.AddScoped<Courses.Handler>();
builder.Services.AddScoped<Degrees.Handler>();
builder.Services.AddScoped<Permits.Handler>();
builder.Services.AddScoped<PermitApplications.Handler>();
builder.Services.AddScoped<Registry.Web.Features.Sponsors.Sponsors.Handler>();
builder.Services.AddScoped<Registry.Web.Features.Sponsors.SponsorEvents.Handler>();
builder.Services.AddScoped<Registry.Web.Features.Calendar.Calendar.Handler>();
builder.Services.AddScoped<Registry.Web.Features.DataQuality.DataQuality.Handler>();
builder.Services.AddScoped<Registry.Web.Features.DataQuality.DataQualityRuns.Handler>();
builder.Services.Configure<Registry.Web.Features.DataQuality.DataQualityOptions>(builder.Configuration.GetSection(Registry.Web.Features.DataQuality.DataQualityOptions.Section));
builder.Services.AddScoped<Registry.Web.Features.Workforce.Snapshots.Handler>();
builder.Services.AddScoped<Registry.Web.Features.Workforce.Reports.Handler>();
builder.Services.AddSingleton<Registry.Web.Features.Workforce.Reports.Cache>();
builder.Services.AddScoped<Registry.Web.Features.Workforce.WorkforceExtract>();
builder.Services.AddSingleton<Registry.Web.Features.Workforce.CensusSignal>();
builder.Services.AddSingleton<Registry.Web.Features.Workforce.CountyShapes>();
builder.Services.Configure<Registry.Web.Features.Workforce.CensusOptions>(builder.Configuration.GetSection(Registry.Web.Features.Workforce.CensusOptions.Section));
builder.Services.AddHostedService<Registry.Web.Features.Workforce.CensusWorker>();
builder.Services.AddScoped<Registry.Web.Data.Synthetic.SyntheticState>();
builder.Services.AddScoped<Registry.Web.Features.Messages.Messages.Handler>();
builder.Services.AddSingleton<Registry.Web.Infrastructure.Email.UnsubscribeLinks>();
builder.Services.AddScoped<Registry.Web.Features.Messages.PermitReminders>();
builder.Services.AddScoped<Registry.Web.Infrastructure.Jobs.JobLeases>();
builder.Services.AddScoped<Registry.Web.Features.Operations.Backups>();
builder.Services.AddScoped<Registry.Web.Features.Messages.PdHoursReminders>();
builder.Services.AddHostedService<Registry.Web.Infrastructure.Jobs.HourlyJobService<Registry.Web.Features.Messages.PdHoursReminders>>();
builder.Services.AddScoped<Registry.Web.Features.Messages.ProfileReminders>();
builder.Services.AddHostedService<Registry.Web.Infrastructure.Jobs.HourlyJobService<Registry.Web.Features.Messages.ProfileReminders>>();
builder.Services.AddScoped<Registry.Web.Features.Announcements.Announcements.Handler>();
builder.Services.AddScoped<Registry.Web.Features.Announcements.Announcements.Notices>();
builder.Services.AddScoped<Registry.Web.Features.Announcements.AnnouncementQueuing>();
builder.Services.AddScoped<Registry.Web.Infrastructure.Email.IOutboxTemplate, Registry.Web.Features.Announcements.AnnouncementTemplate>();
builder.Services.AddSingleton<Registry.Web.Features.Announcements.AnnouncementSignal>();
builder.Services.AddHostedService<Registry.Web.Features.Announcements.AnnouncementWorker>();
builder.Services.AddHostedService<Registry.Web.Infrastructure.Jobs.HourlyJobService<Registry.Web.Features.Messages.PermitReminders>>();
builder.Services.AddScoped<Registry.Web.Features.Calendar.Certificates>();
builder.Services.AddScoped<Registry.Web.Features.Sponsors.AttendancePosting.Handler>();
builder.Services.Configure<Registry.Web.Features.Sponsors.TrainingOptions>(builder.Configuration.GetSection(Registry.Web.Features.Sponsors.TrainingOptions.Section));
builder.Services.AddScoped<TrainingHours.Handler>();
builder.Services.AddScoped<Jobs.Handler>();
builder.Services.AddScoped<Registry.Web.Features.Facts.FactChangeLog>();
builder.Services.AddScoped<Registry.Web.Features.Facts.ChangedFacts.Handler>();
builder.Services.AddScoped<Registry.Web.Features.Facts.NameChanges.Handler>();
builder.Services.AddScoped<ProfileForms.Handler>();
builder.Services.AddScoped<ExportRecord.Handler>();
builder.Services.AddScoped<Documents.Handler>();
builder.Services.AddScoped<Review>();
builder.Services.AddScoped<Registry.Web.Features.Card.Card.Handler>();
builder.Services.AddSingleton<IDocumentStorage, LocalDiskDocumentStorage>();
builder.Services.Configure<StorageOptions>(builder.Configuration.GetSection(StorageOptions.Section));
builder.Services.AddRegistryRateLimits(builder.Configuration);
builder.Services.AddRegistrySite(builder.Configuration, builder.Environment);
builder.Services.AddRegistryRules(builder.Configuration, builder.Environment);
builder.Services.Configure<AccessOptions>(builder.Configuration.GetSection(AccessOptions.Section));
builder.Services.AddScoped<AccessRequests.Handler>();
builder.Services.AddScoped<Workspace.Handler>();
builder.Services.AddScoped<Registry.Web.Features.Merges.Merges.Handler>();
builder.Services.AddScoped<Registry.Web.Features.AttendanceReview.AttendanceReview.Handler>();
builder.Services.AddScoped<Registry.Web.Features.Instructors.Instructors.Handler>();
builder.Services.AddScoped<AccessReminders>();
builder.Services.AddScoped<AccessLogService>();
builder.Services.AddScoped<SiteStaff.Handler>();
builder.Services.AddHostedService<Registry.Web.Infrastructure.Jobs.HourlyJobService<AccessReminders>>();
builder.Services.AddScoped<Registry.Web.Features.Calendar.TrainingReminders>();
builder.Services.AddHostedService<Registry.Web.Infrastructure.Jobs.HourlyJobService<Registry.Web.Features.Calendar.TrainingReminders>>();
builder.Services.AddScoped<UnfinishedUploads>();
builder.Services.Configure<AccountSessionOptions>(builder.Configuration.GetSection(AccountSessionOptions.Section));
builder.Services.AddScoped<AccountSessions>();
builder.Services.AddScoped<SecurityAudit>();
builder.Services.AddScoped<Registry.Web.Features.SecurityEvents.SecurityEventList.Handler>();
builder.Services.AddHostedService<Registry.Web.Infrastructure.Jobs.HourlyJobService<UnfinishedUploads>>();

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
builder.Services.AddScoped<Registry.Web.Features.TwoFactor.Passkeys.Handler>();
builder.Services.Configure<SignInThrottleOptions>(builder.Configuration.GetSection(SignInThrottleOptions.Section));
builder.Services.AddScoped<SignInThrottles>();
builder.Services.AddScoped<AccountTidy>();
builder.Services.AddHostedService<Registry.Web.Infrastructure.Jobs.HourlyJobService<AccountTidy>>();

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
builder.Services.AddRegistryEmail(builder.Configuration);

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

builder.Services.AddRegistryLocalization();

builder.Services
    .AddControllersWithViews(options =>
    {
        options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
        options.Filters.Add(new SecondFactorGate());
        options.Filters.Add(new Registry.Web.Infrastructure.Web.RefuseCraftedValues());
        options.ModelBinderProviders.Insert(0, new Registry.Web.Infrastructure.Web.StrictBooleanBinderProvider());
    })
    .AddViewLocalization()
    .AddDataAnnotationsLocalization();
builder.Services.AddSingleton<Microsoft.Extensions.Options.IConfigureOptions<MvcOptions>, Registry.Web.Infrastructure.Web.LocalizedBindingMessages>();
builder.Services.Configure<RazorViewEngineOptions>(options =>
{
    // Feature folders: a feature's views live beside its controller.
    options.ViewLocationFormats.Clear();
    options.ViewLocationFormats.Add("/Features/{1}/{0}" + RazorViewEngine.ViewExtension);
    options.ViewLocationFormats.Add("/Features/Shared/{0}" + RazorViewEngine.ViewExtension);
});

// Behind a TLS-terminating proxy (nginx): the client's address and scheme come from X-Forwarded-*
// headers, trusted only from loopback and the networks listed in Proxy:KnownNetworks (CIDR).
builder.Services.Configure<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>(options =>
{
    options.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto;
    foreach (var network in builder.Configuration.GetSection("Proxy:KnownNetworks").Get<string[]>() ?? [])
    {
        options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
    }
});

builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
    .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Diagnostics", "Microsoft.AspNetCore.RateLimiting", "System.Runtime", RegistryMetrics.MeterName)
    .AddPrometheusExporter());

builder.Services.AddHealthChecks()
    .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
    .AddCheck<SmtpHealthCheck>("smtp", failureStatus: HealthStatus.Degraded, tags: ["ready"])
    .AddCheck<DocumentStorageHealthCheck>("documents", failureStatus: HealthStatus.Degraded, tags: ["ready"]);

var app = builder.Build();

// Rule files are checked before anything else: a malformed one stops start-up with its file and line.
app.Services.GetRequiredService<RuleBook>();

// A state's rule tests need the rules only, no database.
if (args.FirstOrDefault() == Registry.Web.Features.Qualifications.TestRulesCommand.Name)
{
    return await Registry.Web.Features.Qualifications.TestRulesCommand.RunAsync(app.Services, app.Configuration, app.Environment, args, Console.Out);
}

// A restore goes into an empty data folder, before anything creates a database there.
if (args.FirstOrDefault() == Registry.Web.Features.Operations.BackupCommand.Restore)
{
    return await Registry.Web.Features.Operations.BackupCommand.RunAsync(app.Services, args, Console.Out, CancellationToken.None);
}

await using (var scope = app.Services.CreateAsyncScope())
{
    try
    {
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
    }
    catch (DatabaseNotMigratedException e)
    {
        app.Logger.LogCritical("{Problem}", e.Message);
        await Console.Error.WriteLineAsync(e.Message);
        return 1;
    }
}

if (args.FirstOrDefault() == GrantRoleCommand.Name)
{
    return await GrantRoleCommand.RunAsync(app.Services, args, Console.Out);
}

if (args.FirstOrDefault() == Registry.Web.Data.Synthetic.GenerateStateCommand.Name)
{
    return await Registry.Web.Data.Synthetic.GenerateStateCommand.RunAsync(app.Services, args, Console.Out, CancellationToken.None);
}

if (args.FirstOrDefault() == Registry.Web.Features.Operations.BackupCommand.Backup)
{
    return await Registry.Web.Features.Operations.BackupCommand.RunAsync(app.Services, args, Console.Out, CancellationToken.None);
}

if (args.FirstOrDefault() == ImportEmployersCommand.Name)
{
    return await ImportEmployersCommand.RunAsync(app.Services, args, Console.Out, CancellationToken.None);
}

// Serving needs the public address (Site:PublicUrl): every link in an email comes from it, and
// outside Development only its host is answered. The commands above do without it.
if (SiteOptions.Problem(app.Configuration, app.Environment) is { } siteProblem)
{
    app.Logger.LogCritical("{Problem}", siteProblem);
    await Console.Error.WriteLineAsync(siteProblem);
    return 1;
}

app.UseForwardedHeaders();
app.UseSecurityHeaders();
// The metrics are for the operator's scraper on the internal network, never the public.
app.UseWhen(c => c.Request.Path.StartsWithSegments("/metrics"), metrics => metrics.Use(async (context, next) =>
{
    if (!RegistryMetrics.IsInternal(context.Connection.RemoteIpAddress))
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return;
    }

    await next(context);
}));
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error");
    app.UseHsts();
    app.UseHttpsRedirection();
}

app.UseStatusCodePagesWithReExecute("/error/{0}");
app.UseFormNulCharactersRemoved();
app.UseRequestLocalization();
app.UseRouting();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();

// Static files keep their own caching (fingerprinted ones for a year); everything else is no-store.
app.MapStaticAssets().AllowAnonymous().WithMetadata(new CacheableAttribute());
// Liveness: the process answers (no checks). Readiness: the database answers (SMTP reported, not fatal).
app.MapHealthChecks("/health/live", new() { Predicate = _ => false, ResponseWriter = DatabaseHealthCheck.WriteResponseAsync }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = DatabaseHealthCheck.WriteResponseAsync }).AllowAnonymous();
app.MapHealthChecks("/health", new() { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = DatabaseHealthCheck.WriteResponseAsync }).AllowAnonymous();
app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
app.MapControllers();
app.MapFallbackToController("{*path}", nameof(HomeController.PageNotFound), "Home");

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the integration tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;
