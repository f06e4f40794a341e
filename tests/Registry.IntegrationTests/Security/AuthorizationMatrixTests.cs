using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Domain.Access;
using Registry.Web.Infrastructure.Security;

namespace Registry.IntegrationTests.Security;

/// <summary>
/// Every controller action, requested by anonymous visitors and by each role in and out of its
/// scope. The matrix must name every action: a new action without a rule here fails the test.
/// </summary>
public sealed partial class AuthorizationMatrixTests : IClassFixture<RegistryAppFactory>
{
    private enum Rule
    {
        /// <summary>Anyone, signed in or not.</summary>
        Public,

        /// <summary>A step of signing in: anyone, sent back to the sign-in page when no sign-in is under way.</summary>
        SignInStep,

        /// <summary>Any signed-in account (what it reaches inside is scoped to its own record).</summary>
        SignedIn,

        /// <summary>Registry staff and administrators only.</summary>
        Staff,

        /// <summary>Administrators only (accounts and roles).</summary>
        Administrator,

        /// <summary>A program's applicants in a county: its stipend administrators and registry staff (asked with ?program=&amp;county=).</summary>
        StipendView,

        /// <summary>The site's directors and registry staff: confirming its staff.</summary>
        SiteConfirm,

        /// <summary>The site's directors, raters whose scope holds it, and registry staff: reading its staff.</summary>
        SiteView,

        /// <summary>The sponsor's manager and registry staff: approving instructors.</summary>
        SponsorManage,

        /// <summary>The sponsor's manager (and instructors allowed to), and registry staff: posting and changing events.</summary>
        SponsorEvents,

        /// <summary>Any approved member of the sponsor, and registry staff: registrations and attendance.</summary>
        SponsorAttendance,

        /// <summary>Analysts, registry staff and administrators: workforce data beyond the published figures.</summary>
        Analyst,

        /// <summary>Whoever may write announcements: registry staff, site directors, sponsors' managers (each within their own scope).</summary>
        AnnouncementAuthor,
    }

    private enum Persona
    {
        Anonymous,
        Professional,
        DirectorInScope,
        DirectorOutOfScope,
        RaterInScope,
        RaterOutOfScope,
        Staff,
        Administrator,
        StipendInScope,
        StipendOutOfScope,
        SponsorManager,
        SponsorInstructor,
        SponsorOutOfScope,
        Analyst,
    }

    private static readonly Dictionary<string, Rule> Matrix = new(StringComparer.Ordinal)
    {
        ["GET /"] = Rule.Public,
        ["GET /error/{statusCode:int?}"] = Rule.Public,
        ["POST /error/{statusCode:int?}"] = Rule.Public,
        ["POST /language"] = Rule.Public,
        ["GET /language"] = Rule.Public,
        ["GET /employers"] = Rule.Public,
        ["GET /accessibility"] = Rule.Public,
        ["GET /employers/lookup"] = Rule.Public,
        ["GET /verify/{registryId}"] = Rule.Public,
        ["GET /.well-known/jwks.json"] = Rule.Public,
        ["GET /.well-known/did.json"] = Rule.Public,
        ["GET /did.json"] = Rule.Public,
        ["GET /credentials/status/{list:int}"] = Rule.Public,
        ["GET /credentials/verify"] = Rule.Public,
        ["GET /credentials/card"] = Rule.Public,
        ["POST /credentials/verify"] = Rule.Public,
        ["GET /sign-up"] = Rule.Public,
        ["GET /sign-up/personal"] = Rule.Public,
        ["POST /sign-up/personal"] = Rule.Public,
        ["GET /sign-up/employer"] = Rule.Public,
        ["POST /sign-up/employer"] = Rule.Public,
        ["GET /sign-up/employer/not-found"] = Rule.Public,
        ["POST /sign-up/employer/not-found"] = Rule.Public,
        ["GET /sign-up/employment"] = Rule.Public,
        ["POST /sign-up/employment"] = Rule.Public,
        ["GET /sign-up/education"] = Rule.Public,
        ["POST /sign-up/education"] = Rule.Public,
        ["GET /sign-up/done"] = Rule.Public,
        ["GET /account/sign-in"] = Rule.Public,
        ["POST /account/sign-in"] = Rule.Public,
        ["POST /account/resend-confirmation"] = Rule.Public,
        ["GET /account/confirm-email"] = Rule.Public,
        ["GET /account/forgot-password"] = Rule.Public,
        ["POST /account/forgot-password"] = Rule.Public,
        ["GET /account/reset-password"] = Rule.Public,
        ["POST /account/reset-password"] = Rule.Public,
        ["GET /account/confirm-email-change"] = Rule.Public,
        ["POST /account/confirm-email"] = Rule.Public,
        ["GET /account/sign-in/two-factor"] = Rule.SignInStep,
        ["POST /account/sign-in/two-factor"] = Rule.Public,
        ["POST /account/sign-in-link"] = Rule.Public,
        ["GET /account/sign-in-link"] = Rule.Public,
        ["POST /account/sign-in-link/use"] = Rule.Public,
        ["GET /account/undo-email-change"] = Rule.Public,
        ["POST /account/undo-email-change"] = Rule.Public,
        ["GET /account"] = Rule.SignedIn,
        ["POST /account/sign-out-everywhere"] = Rule.SignedIn,
        ["GET /account/two-factor"] = Rule.SignedIn,
        ["GET /account/two-factor/qr.png"] = Rule.SignedIn,
        ["POST /account/two-factor/set-up"] = Rule.SignedIn,
        ["POST /account/two-factor/verify"] = Rule.SignedIn,
        ["POST /account/two-factor/recovery-codes"] = Rule.SignedIn,
        ["POST /account/two-factor/turn-off"] = Rule.SignedIn,
        ["POST /account/two-factor/start-again"] = Rule.SignedIn,
        ["POST /account/two-factor/passkeys/options"] = Rule.SignedIn,
        ["POST /account/two-factor/passkeys/add"] = Rule.SignedIn,
        ["POST /account/two-factor/passkeys/remove"] = Rule.SignedIn,
        ["POST /account/sign-in/passkey/options"] = Rule.Public,
        ["POST /account/sign-in/passkey"] = Rule.Public,
        ["POST /account/sign-out"] = Rule.SignedIn,
        ["GET /account/change-password"] = Rule.SignedIn,
        ["POST /account/change-password"] = Rule.SignedIn,
        ["GET /account/change-email"] = Rule.SignedIn,
        ["POST /account/change-email"] = Rule.SignedIn,
        ["GET /my-registry"] = Rule.SignedIn,
        ["GET /my-registry/personal"] = Rule.SignedIn,
        ["POST /my-registry/personal"] = Rule.SignedIn,
        ["GET /my-registry/demographics"] = Rule.SignedIn,
        ["POST /my-registry/demographics"] = Rule.SignedIn,
        ["GET /my-registry/employment"] = Rule.SignedIn,
        ["GET /my-registry/employment/add"] = Rule.SignedIn,
        ["POST /my-registry/employment/add"] = Rule.SignedIn,
        ["GET /my-registry/employment/{jobId:int}/edit"] = Rule.SignedIn,
        ["POST /my-registry/employment/{jobId:int}/edit"] = Rule.SignedIn,
        ["GET /my-registry/employment/{jobId:int}/change-role"] = Rule.SignedIn,
        ["POST /my-registry/employment/{jobId:int}/change-role"] = Rule.SignedIn,
        ["POST /my-registry/employment/{jobId:int}/remove"] = Rule.SignedIn,
        ["GET /my-registry/education"] = Rule.SignedIn,
        ["GET /my-registry/education/degrees/add"] = Rule.SignedIn,
        ["POST /my-registry/education/degrees/add"] = Rule.SignedIn,
        ["GET /my-registry/education/degrees/{degreeId:int}/edit"] = Rule.SignedIn,
        ["POST /my-registry/education/degrees/{degreeId:int}/edit"] = Rule.SignedIn,
        ["POST /my-registry/education/degrees/{degreeId:int}/remove"] = Rule.SignedIn,
        ["GET /my-registry/education/courses/add"] = Rule.SignedIn,
        ["POST /my-registry/education/courses/add"] = Rule.SignedIn,
        ["GET /my-registry/education/courses/{courseId:int}/edit"] = Rule.SignedIn,
        ["POST /my-registry/education/courses/{courseId:int}/edit"] = Rule.SignedIn,
        ["POST /my-registry/education/courses/{courseId:int}/remove"] = Rule.SignedIn,
        ["GET /my-registry/permits"] = Rule.SignedIn,
        ["GET /my-registry/permits/add"] = Rule.SignedIn,
        ["POST /my-registry/permits/add"] = Rule.SignedIn,
        ["GET /my-registry/permits/{permitId:int}/edit"] = Rule.SignedIn,
        ["POST /my-registry/permits/{permitId:int}/edit"] = Rule.SignedIn,
        ["POST /my-registry/permits/{permitId:int}/remove"] = Rule.SignedIn,
        ["POST /my-registry/permits/applications"] = Rule.SignedIn,
        ["POST /my-registry/permits/applications/{applicationId:int}/remove"] = Rule.SignedIn,
        ["GET /my-registry/training"] = Rule.SignedIn,
        ["GET /my-registry/training/add"] = Rule.SignedIn,
        ["POST /my-registry/training/add"] = Rule.SignedIn,
        ["GET /my-registry/training/{recordId:int}/edit"] = Rule.SignedIn,
        ["POST /my-registry/training/{recordId:int}/edit"] = Rule.SignedIn,
        ["POST /my-registry/training/{recordId:int}/remove"] = Rule.SignedIn,
        ["GET /my-registry/documents"] = Rule.SignedIn,
        ["POST /my-registry/documents"] = Rule.SignedIn,
        ["GET /my-registry/documents/{documentId:int}"] = Rule.SignedIn,
        ["GET /documents/{documentId:int}"] = Rule.SignedIn,
        ["POST /my-registry/documents/{documentId:int}/visibility"] = Rule.SignedIn,
        ["POST /my-registry/documents/{documentId:int}/submit"] = Rule.SignedIn,
        ["POST /my-registry/documents/{documentId:int}/delete"] = Rule.SignedIn,
        ["GET /my-registry/card"] = Rule.SignedIn,
        ["GET /my-registry/card/qr.png"] = Rule.SignedIn,
        ["POST /my-registry/card/public"] = Rule.SignedIn,
        ["GET /my-registry/credentials"] = Rule.SignedIn,
        ["GET /my-registry/bring-my-record"] = Rule.SignedIn,
        ["POST /my-registry/bring-my-record"] = Rule.SignedIn,
        ["GET /my-registry/bring-my-record/{importId:int}"] = Rule.SignedIn,
        ["POST /my-registry/bring-my-record/{importId:int}"] = Rule.SignedIn,
        ["POST /my-registry/credentials/permit"] = Rule.SignedIn,
        ["POST /my-registry/credentials/membership"] = Rule.SignedIn,
        ["POST /my-registry/credentials/qualifications"] = Rule.SignedIn,
        ["POST /my-registry/credentials/transcript"] = Rule.SignedIn,
        ["GET /my-registry/credentials/{credentialId:int}/download"] = Rule.SignedIn,
        ["POST /my-registry/credentials/{credentialId:int}/withdraw"] = Rule.SignedIn,
        ["GET /my-registry/history"] = Rule.SignedIn,
        ["GET /my-registry/export"] = Rule.SignedIn,
        ["GET /my-registry/export/summary.pdf"] = Rule.SignedIn,
        ["GET /my-registry/qualifications"] = Rule.SignedIn,
        ["GET /api/my/qualifications"] = Rule.SignedIn,
        ["GET /my-registry/access-log"] = Rule.SignedIn,
        ["GET /access"] = Rule.SignedIn,
        ["GET /access/request"] = Rule.SignedIn,
        ["POST /access/request"] = Rule.SignedIn,
        
        ["GET /staff"] = Rule.Staff,
        ["GET /staff/imports"] = Rule.Staff,
        ["GET /staff/imports/new"] = Rule.Staff,
        ["POST /staff/imports/new"] = Rule.Staff,
        ["GET /staff/imports/{id:int}"] = Rule.Staff,
        ["GET /staff/imports/{id:int}/rejects.csv"] = Rule.Staff,
        ["GET /staff/imports/template/{kind}.csv"] = Rule.Staff,
        ["GET /account/claim"] = Rule.Public,
        ["POST /account/claim"] = Rule.Public,
        ["GET /staff/try-rules"] = Rule.Staff,
        ["GET /staff/translations"] = Rule.Staff,
        ["POST /staff/try-rules"] = Rule.Staff,
        ["GET /staff/access-requests"] = Rule.Staff,
        ["GET /staff/access-requests/{requestId:int}/proof"] = Rule.Staff,
        ["POST /staff/access-requests/{requestId:int}/approve"] = Rule.Staff,
        ["POST /staff/access-requests/{requestId:int}/deny"] = Rule.Staff,
        ["GET /staff/review"] = Rule.Staff,
        ["GET /staff/changed-facts"] = Rule.Staff,
        ["GET /staff/name-changes"] = Rule.Staff,
        ["GET /staff/name-changes/{nameChangeId:int}/proof"] = Rule.Staff,
        ["POST /staff/name-changes/{nameChangeId:int}/approve"] = Rule.Staff,
        ["POST /staff/name-changes/{nameChangeId:int}/refuse"] = Rule.Staff,
        ["POST /staff/review/{kind}/{entryId:int}/verify"] = Rule.Staff,
        ["POST /staff/review/{kind}/{entryId:int}/not-accepted"] = Rule.Staff,
        ["POST /staff/review/{kind}/{entryId:int}/ask"] = Rule.Staff,
        ["GET /staff/review-reasons"] = Rule.Staff,
        ["POST /staff/review-reasons"] = Rule.Staff,
        ["POST /staff/review-reasons/{reasonId:int}/retire"] = Rule.Staff,
        ["GET /staff/duplicates"] = Rule.Staff,
        ["GET /staff/duplicates/{professionalId:int}"] = Rule.Staff,
        ["POST /staff/duplicates/{professionalId:int}/merge"] = Rule.Staff,
        ["GET /staff/merges"] = Rule.Staff,
        ["POST /staff/merges/{mergeId:int}/undo"] = Rule.Staff,
        ["POST /staff/duplicates/{professionalId:int}/not-duplicate"] = Rule.Staff,
        ["GET /staff/unlisted-employers"] = Rule.Staff,
        ["POST /staff/unlisted-employers/{employmentId:int}/link"] = Rule.Staff,
        ["POST /staff/unlisted-employers/{employmentId:int}/create"] = Rule.Staff,
        ["GET /staff/users"] = Rule.Administrator,
        ["POST /staff/users/{userId}/roles"] = Rule.Administrator,
        ["POST /staff/users/{userId}/grants"] = Rule.Administrator,
        ["POST /staff/users/{userId}/reset-second-factor"] = Rule.Administrator,
        ["POST /staff/grants/{grantId:int}/revoke"] = Rule.Administrator,
        ["GET /staff/security-events"] = Rule.Administrator,
        ["GET /staff/security-events/events.csv"] = Rule.Administrator,
        ["GET /stipends"] = Rule.StipendView,
        ["GET /stipends/export.csv"] = Rule.StipendView,
        ["POST /stipends/sites"] = Rule.StipendView,
        ["POST /stipends/sites/remove"] = Rule.StipendView,
        ["GET /ratings"] = Rule.SignedIn,
        ["GET /ratings/sites/{employerId:int}"] = Rule.SiteView,
        ["GET /ratings/sites/{employerId:int}/export.csv"] = Rule.SiteView,
        ["GET /sites/{employerId:int}/staff"] = Rule.SiteConfirm,
        ["POST /sites/{employerId:int}/staff"] = Rule.SiteConfirm,
        ["GET /sites/{employerId:int}/roster"] = Rule.SiteView,
        ["GET /sites/{employerId:int}/roster.csv"] = Rule.SiteView,
        ["GET /training"] = Rule.Public,
        ["GET /training/calendar.ics"] = Rule.Public,
        ["GET /training/events/{eventId:int}"] = Rule.Public,
        ["POST /training/events/{eventId:int}/register"] = Rule.SignedIn,
        ["POST /training/events/{eventId:int}/withdraw"] = Rule.SignedIn,
        ["GET /training/check-in/{code}"] = Rule.SignedIn,
        ["GET /training/events/{eventId:int}/register-staff"] = Rule.SignedIn,
        ["POST /training/events/{eventId:int}/register-staff"] = Rule.SignedIn,
        ["GET /training/events/{eventId:int}/certificate"] = Rule.SignedIn,
        ["POST /training/events/{eventId:int}/certificate/signed"] = Rule.SignedIn,
        ["GET /training/events/{eventId:int}/certificate/qr.png"] = Rule.SignedIn,
        ["POST /training/check-in/{code}"] = Rule.SignedIn,
        ["GET /sponsors"] = Rule.SignedIn,
        ["GET /sponsors/apply"] = Rule.SignedIn,
        ["POST /sponsors/apply"] = Rule.SignedIn,
        ["GET /sponsors/join"] = Rule.SignedIn,
        ["POST /sponsors/join"] = Rule.SignedIn,
        ["GET /sponsors/{sponsorId:int}"] = Rule.SponsorAttendance,
        ["POST /sponsors/{sponsorId:int}/members/{memberId:int}/approve"] = Rule.SponsorManage,
        ["POST /sponsors/{sponsorId:int}/members/{memberId:int}/remove"] = Rule.SponsorManage,
        ["GET /sponsors/{sponsorId:int}/events/new"] = Rule.SponsorEvents,
        ["POST /sponsors/{sponsorId:int}/events/new"] = Rule.SponsorEvents,
        ["GET /sponsors/events/{eventId:int}/copy"] = Rule.SponsorEvents,
        ["GET /sponsors/events/{eventId:int}/edit"] = Rule.SponsorEvents,
        ["POST /sponsors/events/{eventId:int}/edit"] = Rule.SponsorEvents,
        ["POST /sponsors/events/{eventId:int}/cancel"] = Rule.SponsorEvents,
        ["GET /sponsors/events/{eventId:int}/attendance"] = Rule.SponsorAttendance,
        ["POST /sponsors/events/{eventId:int}/sessions/{sessionId:int}/roster"] = Rule.SponsorAttendance,
        ["POST /sponsors/events/{eventId:int}/sessions/{sessionId:int}/csv"] = Rule.SponsorAttendance,
        ["POST /sponsors/events/{eventId:int}/unmatched/{unmatchedId:int}/resolve"] = Rule.SponsorAttendance,
        ["POST /sponsors/events/{eventId:int}/sessions/{sessionId:int}/check-in"] = Rule.SponsorAttendance,
        ["GET /sponsors/events/{eventId:int}/sessions/{sessionId:int}/check-in"] = Rule.SponsorAttendance,
        ["POST /sponsors/events/{eventId:int}/sessions/{sessionId:int}/door"] = Rule.SponsorAttendance,
        ["GET /staff/attendance"] = Rule.Staff,
        ["GET /staff/instructors"] = Rule.Staff,
        ["POST /staff/instructors/{memberId:int}/approve"] = Rule.Staff,
        ["POST /staff/instructors/{memberId:int}/refuse"] = Rule.Staff,
        ["POST /staff/instructors/sponsors/{sponsorId:int}/delegation"] = Rule.Staff,
        ["POST /staff/attendance/{attendanceId:int}/approve"] = Rule.Staff,
        ["POST /staff/attendance/{attendanceId:int}/refuse"] = Rule.Staff,
        ["POST /staff/attendance/{attendanceId:int}/undo"] = Rule.Staff,
        ["GET /sponsors/events/{eventId:int}/sessions/{sessionId:int}/check-in.png"] = Rule.SponsorAttendance,
        ["GET /staff/sponsors"] = Rule.Staff,
        ["POST /staff/sponsors/{sponsorId:int}/approve"] = Rule.Staff,
        ["POST /staff/sponsors/{sponsorId:int}/deny"] = Rule.Staff,
        ["GET /my-registry/messages"] = Rule.SignedIn,
        ["POST /my-registry/messages"] = Rule.SignedIn,
        ["GET /announcements"] = Rule.AnnouncementAuthor,
        ["GET /announcements/new"] = Rule.AnnouncementAuthor,
        ["POST /announcements/new"] = Rule.AnnouncementAuthor,
        ["GET /announcements/{id:int}"] = Rule.AnnouncementAuthor,
        ["GET /announcements/{id:int}/edit"] = Rule.AnnouncementAuthor,
        ["POST /announcements/{id:int}/edit"] = Rule.AnnouncementAuthor,
        ["POST /announcements/{id:int}/send"] = Rule.AnnouncementAuthor,
        ["POST /announcements/{id:int}/schedule"] = Rule.AnnouncementAuthor,
        ["POST /announcements/{id:int}/unschedule"] = Rule.AnnouncementAuthor,
        ["POST /announcements/{id:int}/delete"] = Rule.AnnouncementAuthor,
        ["GET /my-registry/notices"] = Rule.SignedIn,
        ["GET /my-registry/notices/{id:int}"] = Rule.SignedIn,
        ["POST /my-registry/email-is-right"] = Rule.SignedIn,
        ["POST /ratings/sites/{employerId:int}/next-validation"] = Rule.SiteView,
        ["GET /unsubscribe"] = Rule.Public,
        ["POST /unsubscribe"] = Rule.Public,
        ["GET /workforce"] = Rule.Public,
        ["GET /workforce/table.csv"] = Rule.Public,
        ["GET /workforce/map"] = Rule.Public,
        ["GET /workforce/analysis"] = Rule.Analyst,
        ["GET /workforce/analysis.csv"] = Rule.Analyst,
        ["GET /workforce/trend"] = Rule.Analyst,
        ["GET /workforce/trend.csv"] = Rule.Analyst,
        ["GET /workforce/map.csv"] = Rule.Public,
        ["GET /workforce/snapshots"] = Rule.Analyst,
        ["POST /workforce/snapshots"] = Rule.Analyst,
        ["POST /workforce/snapshots/{id:int}/publish"] = Rule.Analyst,
        ["GET /workforce/snapshots/{id:int}/extract.csv"] = Rule.Analyst,
        ["GET /data-quality"] = Rule.Analyst,
        ["POST /data-quality/run"] = Rule.Analyst,
        ["GET /data-quality/{rule}"] = Rule.Staff,
    };

    private readonly RegistryAppFactory _app;

    public AuthorizationMatrixTests(RegistryAppFactory app) => _app = app;

    [Fact]
    public async Task Every_action_is_in_the_matrix_and_answers_each_role_as_the_matrix_says()
    {
        var actions = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ControllerActionDescriptor>() is not null && !e.RoutePattern.RawText!.Contains("{*", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"]).Select(m => $"{m} /{e.RoutePattern.RawText!.TrimStart('/')}"))
            .Select(a => a == "GET /" ? a : a.TrimEnd('/'))
            .Distinct()
            .ToList();
        Assert.True(actions.Count > 80, $"Only {actions.Count} actions found: the endpoint listing is broken.");
        var missing = actions.Where(a => !Matrix.ContainsKey(a)).Order().ToList();
        Assert.True(missing.Count == 0, "Actions missing from the authorization matrix (add each with its rule): " + string.Join(" | ", missing));

        var (siteA, siteB, county) = await SitesAsync();
        var clients = new Dictionary<Persona, HttpClient>
        {
            [Persona.Anonymous] = _app.CreateBrowserLikeClient(),
            [Persona.Professional] = (await _app.SignedInProfessionalAsync()).Client,
            [Persona.DirectorInScope] = (await _app.SignedInWithGrantAsync(AccessRole.SiteDirector, siteA)).Client,
            [Persona.DirectorOutOfScope] = (await _app.SignedInWithGrantAsync(AccessRole.SiteDirector, siteB)).Client,
            [Persona.RaterInScope] = (await _app.SignedInWithGrantAsync(AccessRole.Rater, null, county)).Client,
            [Persona.RaterOutOfScope] = (await _app.SignedInWithGrantAsync(AccessRole.Rater, null, "Alameda")).Client,
            [Persona.Staff] = (await _app.SignedInWithRoleAsync(Roles.RegistryStaff)).Client,
            [Persona.Administrator] = (await _app.SignedInWithRoleAsync(Roles.Administrator)).Client,
            [Persona.StipendInScope] = (await _app.SignedInWithGrantAsync(AccessRole.StipendAdministrator, null, county)).Client,
            [Persona.StipendOutOfScope] = (await _app.SignedInWithGrantAsync(AccessRole.StipendAdministrator, null, "Alameda")).Client,
            [Persona.Analyst] = (await _app.SignedInWithRoleAsync(Roles.Analyst)).Client,
        };
        var sponsors = await SponsorsAsync();
        clients[Persona.SponsorManager] = sponsors.Manager;
        clients[Persona.SponsorInstructor] = sponsors.Instructor;
        clients[Persona.SponsorOutOfScope] = sponsors.OtherManager;

        var failures = new List<string>();
        foreach (var (persona, client) in clients)
        {
            var token = await TokenAsync(client, persona == Persona.Anonymous ? "/account/sign-in" : "/account/change-password");

            // Removing the second factor and signing out last, so the persona stays who it is for every other action.
            foreach (var action in actions.OrderBy(a => a switch
            {
                "POST /account/two-factor/turn-off" => 1,
                "POST /account/two-factor/start-again" => 2,
                "POST /account/sign-out-everywhere" => 3,
                "POST /account/sign-out" => 4,
                _ => 0,
            }))
            {
                var (method, template) = (action[..action.IndexOf(' ', StringComparison.Ordinal)], action[(action.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
                // Actions that change what later personas see get a fresh target each time.
                var ids = new Dictionary<string, int>(sponsors.Ids);
                if (action == "POST /sponsors/events/{eventId:int}/cancel")
                {
                    ids["eventId"] = await _app.EventAsync(sponsors.Ids["sponsorId"]);
                }
                else if (action == "POST /sponsors/{sponsorId:int}/members/{memberId:int}/remove")
                {
                    ids["memberId"] = await _app.InstructorRequestAsync(sponsors.Ids["sponsorId"]);
                }

                var url = Fill(template, siteA, ids) + (Matrix[action] == Rule.StipendView ? $"?program=ab212-example-county&county={Uri.EscapeDataString(county)}" : string.Empty);
                using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(url, UriKind.Relative));
                if (method == "POST")
                {
                    request.Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]);
                }

                using var response = await client.SendAsync(request);
                var outcome = Classify(response);
                // Signed out everywhere just before: the persona's cookie no longer signs anyone in.
                var expected = action == "POST /account/sign-out" && persona != Persona.Anonymous ? [Result.SignInRequired] : Expected(Matrix[action], persona);
                if (!expected.Contains(outcome))
                {
                    failures.Add($"{persona} {method} {url}: {outcome} ({(int)response.StatusCode} {response.Headers.Location}), expected {string.Join(" or ", expected)}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private enum Result
    {
        Allowed,
        SignInRequired,
        Forbidden,
        NotFound,

        /// <summary>A 500: never expected, whoever asks.</summary>
        ServerError,
    }

    private static Result[] Expected(Rule rule, Persona persona) => (rule, persona) switch
    {
        (Rule.Public, _) => [Result.Allowed, Result.NotFound],
        (Rule.SignInStep, _) => [Result.Allowed, Result.SignInRequired],
        (_, Persona.Anonymous) => [Result.SignInRequired],
        (Rule.SignedIn, _) => [Result.Allowed, Result.NotFound],
        (Rule.Staff, Persona.Staff or Persona.Administrator) => [Result.Allowed, Result.NotFound],
        (Rule.Administrator, Persona.Administrator) => [Result.Allowed, Result.NotFound],
        (Rule.Analyst, Persona.Analyst or Persona.Staff or Persona.Administrator) => [Result.Allowed, Result.NotFound],
        (Rule.Analyst, _) => [Result.Forbidden],
        (Rule.AnnouncementAuthor, Persona.Staff or Persona.Administrator or Persona.DirectorInScope or Persona.DirectorOutOfScope or Persona.SponsorManager or Persona.SponsorOutOfScope) => [Result.Allowed, Result.NotFound],
        (Rule.AnnouncementAuthor, _) => [Result.Forbidden],
        (Rule.Administrator, _) => [Result.Forbidden],
        (Rule.Staff, _) => [Result.Forbidden],
        (Rule.SiteConfirm, Persona.DirectorInScope or Persona.Staff or Persona.Administrator) => [Result.Allowed],
        (Rule.SiteView, Persona.DirectorInScope or Persona.RaterInScope or Persona.Staff or Persona.Administrator) => [Result.Allowed],
        (Rule.SiteConfirm or Rule.SiteView, _) => [Result.NotFound],
        (Rule.StipendView, Persona.StipendInScope or Persona.Staff or Persona.Administrator) => [Result.Allowed],
        (Rule.StipendView, _) => [Result.NotFound],
        (Rule.SponsorManage or Rule.SponsorEvents, Persona.SponsorManager or Persona.Staff or Persona.Administrator) => [Result.Allowed],
        (Rule.SponsorAttendance, Persona.SponsorManager or Persona.SponsorInstructor or Persona.Staff or Persona.Administrator) => [Result.Allowed],
        (Rule.SponsorManage or Rule.SponsorEvents or Rule.SponsorAttendance, _) => [Result.NotFound],
        _ => throw new InvalidOperationException($"No expectation for {rule} and {persona}."),
    };

    private static Result Classify(HttpResponseMessage response)
    {
        var location = response.Headers.Location?.OriginalString ?? string.Empty;
        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => Result.SignInRequired,
            HttpStatusCode.Forbidden => Result.Forbidden,
            HttpStatusCode.NotFound => Result.NotFound,
            >= HttpStatusCode.InternalServerError => Result.ServerError,
            HttpStatusCode.Redirect when location.Contains("/account/sign-in", StringComparison.Ordinal) => Result.SignInRequired,
            HttpStatusCode.Redirect when location.Contains("/error/403", StringComparison.Ordinal) => Result.Forbidden,
            _ => Result.Allowed,
        };
    }

    private static string Fill(string template, int site, Dictionary<string, int> ids) =>
        Parameter().Replace(template, m => m.Groups["name"].Value switch
        {
            "employerId" => site.ToString(System.Globalization.CultureInfo.InvariantCulture),
            var name when ids.TryGetValue(name, out var id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "registryId" => "12345674",
            "statusCode" => "404",
            "kind" => "Course",
            "userId" => "no-such-user",
            _ => "1",
        });

    /// <summary>Sponsor A (its manager, an instructor, an event with a session and a held CSV row, a pending instructor) and sponsor B (its manager).</summary>
    private async Task<(HttpClient Manager, HttpClient Instructor, HttpClient OtherManager, Dictionary<string, int> Ids)> SponsorsAsync()
    {
        var (manager, managerId) = await _app.SignedInProfessionalAsync();
        var (instructor, instructorId) = await _app.SignedInProfessionalAsync();
        var (other, otherId) = await _app.SignedInProfessionalAsync();
        var sponsorA = await _app.SponsorAsync(managerId, (instructorId, false));
        await _app.SponsorAsync(otherId);
        var eventId = await _app.EventAsync(sponsorA);
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var sessionId = await db.TrainingSessions.Where(s => s.EventId == eventId).Select(s => s.Id).FirstAsync();
        var held = new Registry.Web.Domain.Calendar.UnmatchedAttendance(sessionId, "0000 0000", null, 3, "No one has this registry id", DateTimeOffset.UtcNow);
        db.UnmatchedAttendance.Add(held);
        await db.SaveChangesAsync();
        var ids = new Dictionary<string, int>
        {
            ["sponsorId"] = sponsorA, ["eventId"] = eventId, ["sessionId"] = sessionId, ["unmatchedId"] = held.Id,
            ["memberId"] = await _app.InstructorRequestAsync(sponsorA),
        };
        return (manager, instructor, other, ids);
    }

    private async Task<(int SiteA, int SiteB, string County)> SitesAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var sites = await db.Employers.Where(e => e.County != null).OrderBy(e => e.Id).Skip(300).Take(2).Select(e => new { e.Id, e.County }).ToListAsync();
        return (sites[0].Id, sites[1].Id, sites[0].County!);
    }

    private static async Task<string> TokenAsync(HttpClient client, string page) =>
        (await client.GetPageAsync(page)).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;

    [GeneratedRegex(@"\{(?<name>[A-Za-z]+)(:[^}]*)?\}")]
    private static partial Regex Parameter();
}
