using Registry.Web.Domain.Rules;
using Registry.Web.Features.Access;
using Registry.Web.Features.Account;
using Registry.Web.Features.Announcements;
using Registry.Web.Features.AttendanceReview;
using Registry.Web.Features.Calendar;
using Registry.Web.Features.BringMyRecord;
using Registry.Web.Features.Card;
using Registry.Web.Features.DataQuality;
using Registry.Web.Features.Documents;
using Registry.Web.Features.Education;
using Registry.Web.Features.Employers;
using Registry.Web.Features.Employments;
using Registry.Web.Features.Export;
using Registry.Web.Features.Facts;
using Registry.Web.Features.Home;
using Registry.Web.Features.Merges;
using Registry.Web.Features.Moving;
using Registry.Web.Features.Messages;
using Registry.Web.Features.MyRegistry;
using Registry.Web.Features.Operations;
using Registry.Web.Features.PeopleImports;
using Registry.Web.Features.Permits;
using Registry.Web.Features.Profile;
using Registry.Web.Features.Qualifications;
using Registry.Web.Features.Ratings;
using Registry.Web.Features.SecurityEvents;
using Registry.Web.Features.SignUp;
using Registry.Web.Features.SignedCredentials;
using Registry.Web.Features.Sites;
using Registry.Web.Features.Sponsors;
using Registry.Web.Features.Staff;
using Registry.Web.Features.Stipends;
using Registry.Web.Features.Training;
using Registry.Web.Features.Translations;
using Registry.Web.Features.TwoFactor;
using Registry.Web.Features.Workforce;
using Registry.Web.Infrastructure.Hosting;
using Registry.Web.Infrastructure.Web;

// The app's table of contents: the shared core, then each feature (Features/X/XFeature.cs registers
// its own services, hourly jobs and command-line verbs).
var builder = WebApplication.CreateBuilder(args);
builder.AddRegistryCore()
    .AddAccount().AddTwoFactor().AddSignUp().AddMyRegistry().AddProfile().AddEmployment().AddEducation().AddPermits().AddTraining()
    .AddDocuments().AddFacts().AddExport().AddCard().AddSignedCredentials().AddBringMyRecord().AddQualifications().AddMessages()
    .AddEmployers().AddSites().AddRatings().AddStipends().AddAccess().AddCalendar().AddSponsors().AddAnnouncements()
    .AddWorkforce().AddDataQuality().AddOperations().AddMoving()
    .AddStaff().AddPeopleImports().AddMerges().AddAttendanceReview().AddSecurityEvents().AddTranslations();

var app = builder.Build();

// Rule files are checked before anything else: a malformed one stops start-up with its file and line.
app.Services.GetRequiredService<RuleBook>();

// A verb as the first argument runs that command instead of the site: some before the database is
// opened (a state's rule tests need no database; a restore goes into an empty data folder).
var command = Commands.Named(app.Services, args);
if (command is { Stage: CommandStage.BeforeDatabase })
{
    return await command.RunAsync(app, args);
}

if (!await app.InitializeDatabaseAsync())
{
    return 1;
}

if (command is not null)
{
    return await command.RunAsync(app, args);
}

if (!await app.HasPublicAddressAsync())
{
    return 1;
}

app.UseRegistryPipeline();
app.MapFallbackToController("{*path}", nameof(HomeController.PageNotFound), "Home");
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the integration tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;
