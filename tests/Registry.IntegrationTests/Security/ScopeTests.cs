using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Domain.Access;
using Registry.Web.Domain.Professionals;
using Registry.Web.Features.Export;
using Registry.Web.Infrastructure.Security;

namespace Registry.IntegrationTests.Security;

/// <summary>
/// Out-of-scope access, attacked with real forms. A person's record (a job at site A, an ended job at
/// site C, a course, a degree, a permit, a permit application, a training record, a document) is made
/// through their own pages; then every form of those pages, and the pages of the people who may act
/// on it (site A's director, sponsor A's manager), is posted as each person who may not: another
/// professional, a director of another site, directors of site A whose grant expired, was revoked or
/// starts tomorrow, the former employer (site C's director), a rater of another county, another
/// sponsor's manager. What a user would notice is asserted: the record did not change (its whole
/// export, read back) and the answer shows nothing of the person (their name, email, registry id).
/// Every action that takes an id, in its route or its form, must be named in <see cref="Coverage"/>
/// with the test that attacks it (or why it needs none): a new one fails
/// <see cref="Every_action_that_takes_an_id_or_a_scope_is_attacked_here"/>.
/// </summary>
public sealed partial class ScopeTests(ScopeTests.World world) : IClassFixture<ScopeTests.World>
{
    /// <summary>Every action taking an id or scope (route or form) and the test here that attacks it, or "exempt: why".</summary>
    private static readonly Dictionary<string, string> Coverage = new(StringComparer.Ordinal)
    {
        ["GET /verify/{registryId}"] = "exempt: public by design; shows only what the person chose to show (CardTests)",
        ["GET /error/{statusCode:int?}"] = "exempt: an error page, no record",
        ["GET /my-registry/bring-my-record/{importId:int}"] = "exempt: attacked in BringMyRecordTests." + nameof(SignedCredentials.BringMyRecordTests.A_person_verified_on_one_registry_brings_the_record_to_another_which_sees_it_verified_once_and_nobody_else_touches_it),
        ["POST /my-registry/bring-my-record/{importId:int}"] = "exempt: attacked in BringMyRecordTests." + nameof(SignedCredentials.BringMyRecordTests.A_person_verified_on_one_registry_brings_the_record_to_another_which_sees_it_verified_once_and_nobody_else_touches_it),
        ["GET /credentials/status/{list:int}"] = "exempt: public by design; a status list is bits by credential number and names nobody (SignedCredentialTests)",
        ["POST /my-registry/credentials/permit"] = "exempt: attacked in SignedCredentialTests." + nameof(SignedCredentials.SignedCredentialTests.Nobody_gets_a_credential_of_a_fact_that_is_not_their_own_verified_current_one),
        ["GET /my-registry/credentials/{credentialId:int}/download"] = "exempt: attacked in SignedCredentialTests." + nameof(SignedCredentials.SignedCredentialTests.Nobody_gets_a_credential_of_a_fact_that_is_not_their_own_verified_current_one),
        ["POST /my-registry/credentials/{credentialId:int}/withdraw"] = "exempt: attacked in SignedCredentialTests." + nameof(SignedCredentials.SignedCredentialTests.Nobody_gets_a_credential_of_a_fact_that_is_not_their_own_verified_current_one),
        ["POST /error/{statusCode:int?}"] = "exempt: an error page, no record",
        ["GET /my-registry/employment/{jobId:int}/edit"] = nameof(Nobody_else_opens_a_persons_entries_or_documents),
        ["POST /my-registry/employment/{jobId:int}/edit"] = nameof(Nobody_else_changes_or_removes_a_persons_entries_with_their_own_forms),
        ["GET /my-registry/employment/{jobId:int}/change-role"] = nameof(Nobody_else_opens_a_persons_entries_or_documents),
        ["POST /my-registry/employment/{jobId:int}/change-role"] = nameof(Nobody_else_changes_or_removes_a_persons_entries_with_their_own_forms),
        ["POST /my-registry/employment/{jobId:int}/remove"] = nameof(Nobody_else_changes_or_removes_a_persons_entries_with_their_own_forms),
        ["GET /my-registry/education/degrees/{degreeId:int}/edit"] = nameof(Nobody_else_opens_a_persons_entries_or_documents),
        ["POST /my-registry/education/degrees/{degreeId:int}/edit"] = nameof(Nobody_else_changes_or_removes_a_persons_entries_with_their_own_forms),
        ["POST /my-registry/education/degrees/{degreeId:int}/remove"] = nameof(Nobody_else_changes_or_removes_a_persons_entries_with_their_own_forms),
        ["GET /my-registry/education/courses/{courseId:int}/edit"] = nameof(Nobody_else_opens_a_persons_entries_or_documents),
        ["POST /my-registry/education/courses/{courseId:int}/edit"] = nameof(Nobody_else_changes_or_removes_a_persons_entries_with_their_own_forms),
        ["POST /my-registry/education/courses/{courseId:int}/remove"] = nameof(Nobody_else_changes_or_removes_a_persons_entries_with_their_own_forms),
        ["GET /my-registry/permits/{permitId:int}/edit"] = nameof(Nobody_else_opens_a_persons_entries_or_documents),
        ["POST /my-registry/permits/{permitId:int}/edit"] = nameof(Nobody_else_changes_or_removes_a_persons_entries_with_their_own_forms),
        ["POST /my-registry/permits/{permitId:int}/remove"] = nameof(Nobody_else_changes_or_removes_a_persons_entries_with_their_own_forms),
        ["POST /my-registry/permits/applications/{applicationId:int}/remove"] = nameof(Nobody_else_changes_or_removes_a_persons_entries_with_their_own_forms),
        ["GET /my-registry/training/{recordId:int}/edit"] = nameof(Nobody_else_opens_a_persons_entries_or_documents),
        ["POST /my-registry/training/{recordId:int}/edit"] = nameof(Nobody_else_changes_or_removes_a_persons_entries_with_their_own_forms),
        ["POST /my-registry/training/{recordId:int}/remove"] = nameof(Nobody_else_changes_or_removes_a_persons_entries_with_their_own_forms),
        ["GET /my-registry/documents/{documentId:int}"] = nameof(Nobody_else_opens_a_persons_entries_or_documents),
        ["GET /documents/{documentId:int}"] = nameof(Nobody_else_opens_a_persons_entries_or_documents),
        ["POST /my-registry/documents/{documentId:int}/visibility"] = nameof(Nobody_else_changes_or_removes_a_persons_entries_with_their_own_forms),
        ["POST /my-registry/documents/{documentId:int}/submit"] = nameof(Nobody_else_changes_or_removes_a_persons_entries_with_their_own_forms),
        ["POST /my-registry/documents/{documentId:int}/delete"] = nameof(Nobody_else_changes_or_removes_a_persons_entries_with_their_own_forms),
        ["GET /my-registry/notices/{id:int}"] = "exempt: a notice is looked up among the signed-in person's own (AnnouncementsTests)",
        ["GET /sites/{employerId:int}/staff"] = nameof(Only_the_sites_directors_see_or_confirm_its_staff),
        ["POST /sites/{employerId:int}/staff"] = nameof(Only_the_sites_directors_see_or_confirm_its_staff),
        ["GET /sites/{employerId:int}/roster"] = nameof(Only_the_sites_directors_see_or_confirm_its_staff),
        ["GET /sites/{employerId:int}/roster.csv"] = nameof(Only_the_sites_directors_see_or_confirm_its_staff),
        ["GET /ratings/sites/{employerId:int}"] = nameof(Only_the_sites_directors_see_or_confirm_its_staff),
        ["GET /ratings/sites/{employerId:int}/export.csv"] = nameof(Only_the_sites_directors_see_or_confirm_its_staff),
        ["POST /ratings/sites/{employerId:int}/next-validation"] = nameof(Only_the_sites_directors_see_or_confirm_its_staff),
        ["GET /sponsors/{sponsorId:int}"] = nameof(Only_a_sponsors_people_use_its_pages_and_forms),
        ["POST /sponsors/{sponsorId:int}/members/{memberId:int}/approve"] = nameof(Only_a_sponsors_people_use_its_pages_and_forms),
        ["POST /sponsors/{sponsorId:int}/members/{memberId:int}/remove"] = nameof(Only_a_sponsors_people_use_its_pages_and_forms),
        ["GET /sponsors/{sponsorId:int}/events/new"] = nameof(Only_a_sponsors_people_use_its_pages_and_forms),
        ["POST /sponsors/{sponsorId:int}/events/new"] = nameof(Only_a_sponsors_people_use_its_pages_and_forms),
        ["GET /sponsors/events/{eventId:int}/copy"] = nameof(Only_a_sponsors_people_use_its_pages_and_forms),
        ["GET /sponsors/events/{eventId:int}/edit"] = nameof(Only_a_sponsors_people_use_its_pages_and_forms),
        ["POST /sponsors/events/{eventId:int}/edit"] = nameof(Only_a_sponsors_people_use_its_pages_and_forms),
        ["POST /sponsors/events/{eventId:int}/cancel"] = nameof(Only_a_sponsors_people_use_its_pages_and_forms),
        ["GET /sponsors/events/{eventId:int}/attendance"] = nameof(Only_a_sponsors_people_use_its_pages_and_forms),
        ["POST /sponsors/events/{eventId:int}/sessions/{sessionId:int}/roster"] = nameof(Only_a_sponsors_people_use_its_pages_and_forms),
        ["POST /sponsors/events/{eventId:int}/sessions/{sessionId:int}/csv"] = nameof(Only_a_sponsors_people_use_its_pages_and_forms),
        ["POST /sponsors/events/{eventId:int}/unmatched/{unmatchedId:int}/resolve"] = nameof(Only_a_sponsors_people_use_its_pages_and_forms),
        ["POST /sponsors/events/{eventId:int}/sessions/{sessionId:int}/check-in"] = nameof(Only_a_sponsors_people_use_its_pages_and_forms),
        ["GET /sponsors/events/{eventId:int}/sessions/{sessionId:int}/check-in"] = nameof(Only_a_sponsors_people_use_its_pages_and_forms),
        ["POST /sponsors/events/{eventId:int}/sessions/{sessionId:int}/door"] = nameof(Only_a_sponsors_people_use_its_pages_and_forms),
        ["POST /staff/instructors/{memberId:int}/approve"] = nameof(Registry_staff_never_approve_instructors_of_a_sponsor_they_belong_to),
        ["POST /staff/instructors/{memberId:int}/refuse"] = nameof(Registry_staff_never_approve_instructors_of_a_sponsor_they_belong_to),
        ["POST /staff/instructors/sponsors/{sponsorId:int}/delegation"] = nameof(Registry_staff_never_approve_instructors_of_a_sponsor_they_belong_to),
        ["GET /staff/imports/{id:int}"] = "exempt: registry staff only (AuthorizationMatrixTests); imports are the registry's, every staff member sees them all",
        ["GET /staff/imports/{id:int}/rejects.csv"] = "exempt: registry staff only (AuthorizationMatrixTests); imports are the registry's, every staff member sees them all",
        ["GET /account/claim"] = "exempt: the code is a one-time secret sent to the person, kept only as a hash; a wrong, used, replaced or expired one opens nothing (PeopleImportTests)",
        ["GET /staff/imports/template/{kind}.csv"] = "exempt: a blank template, no record",
        ["GET /staff/attendance"] = "exempt: registry staff only (AuthorizationMatrixTests); staff look up anyone's attendance, and the look-up is in the access log",
        ["POST /staff/attendance/{attendanceId:int}/approve"] = nameof(Registry_staff_never_decide_or_undo_attendance_of_their_own_and_a_refusal_needs_a_reason),
        ["POST /staff/attendance/{attendanceId:int}/refuse"] = nameof(Registry_staff_never_decide_or_undo_attendance_of_their_own_and_a_refusal_needs_a_reason),
        ["POST /staff/attendance/{attendanceId:int}/undo"] = nameof(Registry_staff_never_decide_or_undo_attendance_of_their_own_and_a_refusal_needs_a_reason),
        ["GET /sponsors/events/{eventId:int}/sessions/{sessionId:int}/check-in.png"] = nameof(Only_a_sponsors_people_use_its_pages_and_forms),
        ["GET /training/events/{eventId:int}"] = "exempt: a published event is public",
        ["POST /training/events/{eventId:int}/register"] = "exempt: registers the signed-in person only (CalendarTests)",
        ["POST /training/events/{eventId:int}/withdraw"] = "exempt: withdraws the signed-in person only (CalendarTests)",
        ["GET /training/events/{eventId:int}/certificate"] = "exempt: the signed-in person's own certificate (CalendarTests)",
        ["GET /training/events/{eventId:int}/certificate/qr.png"] = "exempt: the signed-in person's own certificate; someone who did not attend gets 404 (SignedCredentialTests)",
        ["POST /training/events/{eventId:int}/certificate/signed"] = "exempt: attacked in SignedCredentialTests." + nameof(SignedCredentials.SignedCredentialTests.A_training_certificate_becomes_a_credential_with_the_sponsor_as_creator_only_for_who_attended_and_undoing_the_hours_revokes_it),
        ["GET /training/check-in/{code}"] = "exempt: checks in the signed-in person only, with the session's current code (CalendarTests)",
        ["POST /training/check-in/{code}"] = "exempt: checks in the signed-in person only, with the session's current code (CalendarTests)",
        ["GET /training/events/{eventId:int}/register-staff"] = nameof(Only_the_sites_directors_see_or_confirm_its_staff),
        ["POST /training/events/{eventId:int}/register-staff"] = nameof(Only_the_sites_directors_see_or_confirm_its_staff),
        ["GET /announcements/{id:int}"] = nameof(Nobody_opens_or_changes_another_writers_announcement),
        ["GET /announcements/{id:int}/edit"] = nameof(Nobody_opens_or_changes_another_writers_announcement),
        ["POST /announcements/{id:int}/edit"] = nameof(Nobody_opens_or_changes_another_writers_announcement),
        ["POST /announcements/{id:int}/send"] = nameof(Nobody_opens_or_changes_another_writers_announcement),
        ["POST /announcements/{id:int}/schedule"] = nameof(Nobody_opens_or_changes_another_writers_announcement),
        ["POST /announcements/{id:int}/unschedule"] = nameof(Nobody_opens_or_changes_another_writers_announcement),
        ["POST /announcements/{id:int}/delete"] = nameof(Nobody_opens_or_changes_another_writers_announcement),
        ["GET /staff/access-requests/{requestId:int}/proof"] = "exempt: registry staff only (AuthorizationMatrixTests); staff read every request",
        ["POST /staff/access-requests/{requestId:int}/approve"] = nameof(Registry_staff_never_decide_their_own_access_request),
        ["POST /staff/access-requests/{requestId:int}/deny"] = nameof(Registry_staff_never_decide_their_own_access_request),
        ["POST /staff/review/{kind}/{entryId:int}/verify"] = nameof(Registry_staff_never_verify_their_own_entries),
        ["POST /staff/review/{kind}/{entryId:int}/not-accepted"] = nameof(Registry_staff_never_verify_their_own_entries),
        ["POST /staff/review/{kind}/{entryId:int}/ask"] = nameof(Registry_staff_never_verify_their_own_entries),
        ["POST /staff/review-reasons/{reasonId:int}/retire"] = "exempt: registry staff only; the reasons are the registry's, not a person's",
        ["POST /staff/duplicates/{professionalId:int}/merge"] = nameof(Registry_staff_never_merge_or_keep_apart_their_own_profile),
        ["POST /staff/duplicates/{professionalId:int}/not-duplicate"] = nameof(Registry_staff_never_merge_or_keep_apart_their_own_profile),
        ["GET /staff/duplicates/{professionalId:int}"] = nameof(Registry_staff_never_merge_or_keep_apart_their_own_profile),
        ["POST /staff/merges/{mergeId:int}/undo"] = nameof(Registry_staff_never_undo_a_merge_of_their_own_profile_and_an_undo_needs_a_reason),
        ["POST /staff/unlisted-employers/{employmentId:int}/link"] = "exempt: registry staff only (AuthorizationMatrixTests)",
        ["POST /staff/unlisted-employers/{employmentId:int}/create"] = "exempt: registry staff only (AuthorizationMatrixTests)",
        ["POST /staff/users/{userId}/roles"] = "exempt: administrators only (AuthorizationMatrixTests, SecurityAuditTests)",
        ["POST /staff/users/{userId}/grants"] = "exempt: administrators only (AuthorizationMatrixTests, SecurityAuditTests)",
        ["POST /staff/users/{userId}/reset-second-factor"] = "exempt: administrators only, never their own (SecondFactorTests)",
        ["POST /staff/grants/{grantId:int}/revoke"] = "exempt: administrators only (AuthorizationMatrixTests, SecurityAuditTests)",
        ["POST /staff/sponsors/{sponsorId:int}/approve"] = nameof(Registry_staff_never_decide_their_own_sponsor_application),
        ["POST /staff/sponsors/{sponsorId:int}/deny"] = nameof(Registry_staff_never_decide_their_own_sponsor_application),
        ["GET /staff/name-changes/{nameChangeId:int}/proof"] = nameof(Nobody_but_registry_staff_reads_or_decides_a_name_change),
        ["POST /staff/name-changes/{nameChangeId:int}/approve"] = nameof(Nobody_but_registry_staff_reads_or_decides_a_name_change),
        ["POST /staff/name-changes/{nameChangeId:int}/refuse"] = nameof(Nobody_but_registry_staff_reads_or_decides_a_name_change),
        ["POST /workforce/snapshots/{id:int}/publish"] = "exempt: analysts and staff only; snapshots are the state's, de-identified",
        ["GET /workforce/snapshots/{id:int}/extract.csv"] = "exempt: analysts and staff only; snapshots are the state's, de-identified",
        ["GET /data-quality/{rule}"] = "exempt: registry staff only (AuthorizationMatrixTests)",
        ["POST /account/two-factor/passkeys/remove"] = "exempt: only one's own passkey (PasskeyTests)",
        ["POST /access/request"] = "exempt: asks for access to any listed site; registry staff decide with the proof (AccessRequestTests)",
        ["POST /stipends/sites"] = "exempt: the stipend program and county are checked against the person's grants (StipendsTests)",
        ["POST /stipends/sites/remove"] = "exempt: the stipend program and county are checked against the person's grants (StipendsTests)",
        ["POST /my-registry/employment/add"] = "exempt: a person adds their own job at any listed site (the licensing list is public)",
        ["POST /sign-up/employer"] = "exempt: a person names their own employer from the public licensing list",
        ["POST /sponsors/join"] = "exempt: asks to join; the sponsor's manager decides",
        ["GET /stipends"] = "exempt: the program and county asked for are checked against the person's grants (StipendsTests; AuthorizationMatrixTests asks out of scope)",
        ["GET /stipends/export.csv"] = "exempt: the program and county asked for are checked against the person's grants (StipendsTests; AuthorizationMatrixTests asks out of scope)",
        ["GET /training"] = "exempt: the public training calendar, filtered by county",
        ["GET /training/calendar.ics"] = "exempt: the public training calendar, filtered by county",
        ["POST /announcements/new"] = "exempt: the audience is checked against the writer's scopes (AnnouncementScopeTests.A_director_writes_only_to_her_own_staff_and_cannot_open_other_announcements)",
        ["POST /my-registry/personal"] = "exempt: the county is the person's own address",
        ["POST /sponsors/apply"] = "exempt: the county is where the applying organisation works; staff decide",
        ["GET /staff/unlisted-employers"] = "exempt: registry staff only (AuthorizationMatrixTests)",
        ["GET /my-registry/employment/add"] = "exempt: a person picks any listed site for their own job (the licensing list is public)",
        ["GET /account/confirm-email"] = "exempt: an emailed one-time link, its token checked for that account (PreHijackTests)",
        ["POST /account/confirm-email"] = "exempt: an emailed one-time link, its token checked for that account (PreHijackTests)",
        ["GET /account/confirm-email-change"] = "exempt: an emailed one-time link, its token checked for that account (AccountTests)",
        ["GET /account/reset-password"] = "exempt: an emailed one-time link, its token checked for that account (AccountTests)",
        ["POST /account/reset-password"] = "exempt: an emailed one-time link, its token checked for that account (AccountTests)",
        ["GET /account/sign-in-link"] = "exempt: an emailed one-time link, its token checked for that account (SignInPauseTests)",
        ["POST /account/sign-in-link/use"] = "exempt: an emailed one-time link, its token checked for that account (SignInPauseTests)",
        ["GET /workforce"] = "exempt: published, de-identified figures with small cells withheld (WorkforceTests)",
        ["GET /workforce/table.csv"] = "exempt: published, de-identified figures with small cells withheld (WorkforceTests)",
        ["GET /workforce/analysis"] = "exempt: analysts only; de-identified figures (WorkforceTests)",
        ["GET /workforce/analysis.csv"] = "exempt: analysts only; de-identified figures (WorkforceTests)",
        ["GET /workforce/trend"] = "exempt: analysts only; de-identified figures (WorkforceTests)",
        ["GET /workforce/trend.csv"] = "exempt: analysts only; de-identified figures (WorkforceTests)",
    };

    [Fact]
    public async Task Every_action_that_takes_an_id_or_a_scope_is_attacked_here()
    {
        await world.ReadyAsync();
        var tests = typeof(ScopeTests).GetMethods().Where(m => m.GetCustomAttribute<FactAttribute>() is not null).Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        var unknown = Coverage.Where(c => !c.Value.StartsWith("exempt: ", StringComparison.Ordinal) && !tests.Contains(c.Value)).Select(c => c.Key).ToList();
        Assert.True(unknown.Count == 0, "Coverage names a test that does not exist: " + string.Join(" | ", unknown));

        var missing = new List<string>();
        var all = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in world.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<ControllerActionDescriptor>() is not { } action || endpoint.RoutePattern.RawText!.Contains("{*", StringComparison.Ordinal))
            {
                continue;
            }

            // What the request brings (route, query, form), not the services the action asks for.
            var bound = action.Parameters.Where(p => p.BindingInfo?.BindingSource != Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Services && p.ParameterType != typeof(CancellationToken)).ToList();
            var takesId = endpoint.RoutePattern.Parameters.Count > 0
                || bound.Any(p => IdLike(p.Name) || IdCollection(p.ParameterType) || (p.ParameterType.IsClass && p.ParameterType != typeof(string) && p.ParameterType.GetProperties().Any(q => IdLike(q.Name) || IdCollection(q.PropertyType))));
            if (!takesId)
            {
                continue;
            }

            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"])
            {
                var key = $"{method} /{endpoint.RoutePattern.RawText!.TrimStart('/')}";
                all.Add(key);
                if (!Coverage.ContainsKey(key))
                {
                    missing.Add(key);
                }
            }
        }

        var stale = Coverage.Keys.Where(k => !all.Contains(k)).ToList();
        Assert.True(stale.Count == 0, "Coverage names actions that take no id, or no longer exist: " + string.Join(" | ", stale));
        Assert.True(missing.Count == 0, "Actions taking an id or a scope with no scope test (attack them here, or say why they need none): " + string.Join(" | ", missing.Distinct().Order()));
    }

    [Fact]
    public async Task Nobody_else_opens_a_persons_entries_or_documents()
    {
        await world.ReadyAsync();
        var v = world.Victim;
        var pages = new[]
        {
            $"/my-registry/employment/{v.JobId}/edit", $"/my-registry/employment/{v.JobId}/change-role", $"/my-registry/education/degrees/{v.DegreeId}/edit",
            $"/my-registry/education/courses/{v.CourseId}/edit", $"/my-registry/permits/{v.PermitId}/edit", $"/my-registry/training/{v.TrainingId}/edit",
            $"/my-registry/documents/{v.DocumentId}",
        };

        // Hidden from employers: the document is then no director's to read, nor anyone else's.
        var failures = new List<string>();
        foreach (var (persona, client) in world.Outsiders())
        {
            foreach (var page in pages.Append($"/documents/{v.DocumentId}"))
            {
                using var response = await client.GetAsync(new Uri(page, UriKind.Relative));
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.NotFound || world.Leaks(body) is { } leak)
                {
                    failures.Add($"{persona} GET {page}: {(int)response.StatusCode} {world.Leaks(body)}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Equal(world.AccessLogBefore, await world.AccessLogCountAsync());
    }

    [Fact]
    public async Task Nobody_else_changes_or_removes_a_persons_entries_with_their_own_forms()
    {
        await world.ReadyAsync();
        var v = world.Victim;
        var owner = world.Owner;

        // The person's own forms, from their own pages, each altered to something the attacker would like.
        var forms = new List<(string Name, IHtmlFormElement Form, Dictionary<string, string> Values)>
        {
            ("job edit", await FormAsync(owner, $"/my-registry/employment/{v.JobId}/edit", $"/my-registry/employment/{v.JobId}/edit"), new() { ["DaysPerWeek"] = "1", ["SupervisesAdults"] = "true" }),
            ("job change role", await FormAsync(owner, $"/my-registry/employment/{v.JobId}/change-role", $"/my-registry/employment/{v.JobId}/change-role"), new() { ["Role"] = "Director" }),
            ("job remove", await FormAsync(owner, "/my-registry/employment", $"/my-registry/employment/{v.JobId}/remove"), []),
            ("degree edit", await FormAsync(owner, $"/my-registry/education/degrees/{v.DegreeId}/edit", $"/my-registry/education/degrees/{v.DegreeId}/edit"), new() { ["Major"] = "Forged" }),
            ("degree remove", await FormAsync(owner, "/my-registry/education", $"/my-registry/education/degrees/{v.DegreeId}/remove"), []),
            ("course edit", await FormAsync(owner, $"/my-registry/education/courses/{v.CourseId}/edit", $"/my-registry/education/courses/{v.CourseId}/edit"), new() { ["Units"] = "30" }),
            ("course remove", await FormAsync(owner, "/my-registry/education", $"/my-registry/education/courses/{v.CourseId}/remove"), []),
            ("permit edit", await FormAsync(owner, $"/my-registry/permits/{v.PermitId}/edit", $"/my-registry/permits/{v.PermitId}/edit"), new() { ["Number"] = "999999999" }),
            ("permit remove", await FormAsync(owner, "/my-registry/permits", $"/my-registry/permits/{v.PermitId}/remove"), []),
            ("application remove", await FormAsync(owner, "/my-registry/permits", $"/my-registry/permits/applications/{v.ApplicationId}/remove"), []),
            ("training edit", await FormAsync(owner, $"/my-registry/training/{v.TrainingId}/edit", $"/my-registry/training/{v.TrainingId}/edit"), new() { ["ClockHours"] = "40" }),
            ("training remove", await FormAsync(owner, "/my-registry/training", $"/my-registry/training/{v.TrainingId}/remove"), []),
            ("document visibility", await FormAsync(owner, "/my-registry/documents", $"/my-registry/documents/{v.DocumentId}/visibility"), []),
            ("document submit", await FormAsync(owner, "/my-registry/documents", $"/my-registry/documents/{v.DocumentId}/submit"), []),
            ("document delete", await FormAsync(owner, "/my-registry/documents", $"/my-registry/documents/{v.DocumentId}/delete"), []),
        };

        var before = await world.ExportAsync();
        var failures = new List<string>();
        foreach (var (persona, client) in world.Outsiders())
        {
            var token = await TokenAsync(client);
            foreach (var (name, form, values) in forms)
            {
                using var response = await client.PostFormAsync(form, values: new Dictionary<string, string>(values) { ["__RequestVerificationToken"] = token });
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.Forbidden) || world.Leaks(body) is not null)
                {
                    failures.Add($"{persona} {name}: {(int)response.StatusCode} {response.Headers.Location} {world.Leaks(body)}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Equal(before, await world.ExportAsync());
    }

    [Fact]
    public async Task Only_the_sites_directors_see_or_confirm_its_staff()
    {
        await world.ReadyAsync();
        var site = world.SiteA;
        var pages = new[] { $"/sites/{site}/staff", $"/sites/{site}/roster", $"/sites/{site}/roster.csv", $"/ratings/sites/{site}", $"/ratings/sites/{site}/export.csv" };
        var staffForm = await FormAsync(world.Director, $"/sites/{site}/staff", $"/sites/{site}/staff");
        var validationForm = (await world.Director.GetPageAsync($"/ratings/sites/{site}")).Forms.FirstOrDefault(f => f.Action.EndsWith("/next-validation", StringComparison.Ordinal));

        var before = await world.ExportAsync();
        var registrationsBefore = await world.RegistrationsAsync();
        var failures = new List<string>();
        foreach (var (persona, client) in world.Outsiders())
        {
            foreach (var page in pages)
            {
                using var response = await client.GetAsync(new Uri(page, UriKind.Relative));
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.NotFound || world.Leaks(body) is not null)
                {
                    failures.Add($"{persona} GET {page}: {(int)response.StatusCode} {world.Leaks(body)}");
                }
            }

            var token = await TokenAsync(client);
            var attempts = new List<(string Name, IHtmlFormElement? Form, Dictionary<string, string> Values)>
            {
                ("confirm and end staff", staffForm, new() { ["ConfirmAll"] = "true" }),
                ("next validation date", validationForm, []),
            };
            foreach (var (name, form, values) in attempts.Where(a => a.Form is not null))
            {
                using var response = await client.PostFormAsync(form!, values: new Dictionary<string, string>(values) { ["__RequestVerificationToken"] = token });
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.Forbidden) || world.Leaks(body) is not null)
                {
                    failures.Add($"{persona} {name}: {(int)response.StatusCode} {world.Leaks(body)}");
                }
            }

            // Registering staff for training is for their directors: the page's form with the person's id
            // put in registers nobody and shows nobody.
            using (var register = await client.PostAsync(new Uri($"/training/events/{world.OpenEventId}/register-staff", UriKind.Relative),
                new FormUrlEncodedContent([new("staff", world.Victim.ProfessionalId.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("__RequestVerificationToken", token)])))
            {
                if (world.Leaks(await register.Content.ReadAsStringAsync()) is { } leak)
                {
                    failures.Add($"{persona} register staff: {leak}");
                }
            }

            using (var own = await client.GetAsync(new Uri($"/training/events/{world.OpenEventId}/register-staff", UriKind.Relative)))
            {
                if (world.Leaks(await own.Content.ReadAsStringAsync()) is { } leak)
                {
                    failures.Add($"{persona} register-staff page: {leak}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Equal(before, await world.ExportAsync());
        Assert.Equal(registrationsBefore, await world.RegistrationsAsync());
    }

    [Fact]
    public async Task Only_a_sponsors_people_use_its_pages_and_forms()
    {
        await world.ReadyAsync();
        var (sponsorId, eventId, sessionId) = (world.SponsorId, world.EventId, world.SessionId);
        var manager = world.SponsorManager;
        var pages = new[]
        {
            $"/sponsors/{sponsorId}", $"/sponsors/{sponsorId}/events/new", $"/sponsors/events/{eventId}/copy", $"/sponsors/events/{eventId}/edit",
            $"/sponsors/events/{eventId}/attendance", $"/sponsors/events/{eventId}/sessions/{sessionId}/check-in", $"/sponsors/events/{eventId}/sessions/{sessionId}/check-in.png",
        };
        var home = await manager.GetPageAsync($"/sponsors/{sponsorId}");
        var attendance = await manager.GetPageAsync($"/sponsors/events/{eventId}/attendance");
        var forms = new List<(string Name, IHtmlFormElement Form, Dictionary<string, string> Values)>
        {
            ("approve instructor", Form(home, $"/members/{world.PendingMemberId}/approve"), new() { ["canManageEvents"] = "true" }),
            ("remove instructor", Form(home, $"/members/{world.PendingMemberId}/remove"), []),
            ("new event", await FormAsync(manager, $"/sponsors/{sponsorId}/events/new", $"/sponsors/{sponsorId}/events/new"), new() { ["Title"] = "Forged event" }),
            ("edit event", await FormAsync(manager, $"/sponsors/events/{eventId}/edit", $"/sponsors/events/{eventId}/edit"), new() { ["Title"] = "Forged title" }),
            ("cancel event", Form(await manager.GetPageAsync($"/sponsors/events/{eventId}/edit"), $"/sponsors/events/{eventId}/cancel"), []),
            ("post attendance", Form(attendance, $"/sessions/{sessionId}/roster"), new() { ["present"] = world.Victim.ProfessionalId.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
            ("resolve unmatched", Form(attendance, $"/unmatched/{world.UnmatchedId}/resolve"), new() { ["registryId"] = world.Victim.RegistryId }),
            ("show a check-in code", Form(await manager.GetPageAsync($"/sponsors/events/{eventId}/sessions/{sessionId}/check-in"), $"/sessions/{sessionId}/check-in"), new() { ["registryId"] = world.Victim.RegistryId }),
            ("check in at the door", Form(await manager.GetPageAsync($"/sponsors/events/{eventId}/sessions/{sessionId}/check-in"), $"/sessions/{sessionId}/door"), new()
            {
                ["RegistryId"] = world.Victim.RegistryId, ["LastName"] = world.Victim.LastName,
                ["DateOfBirth"] = (await world.DbAsync(db => db.Professionals.Where(p => p.Id == world.Victim.ProfessionalId).Select(p => p.DateOfBirth).SingleAsync())).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            }),
        };

        var before = await world.SponsorStateAsync();
        var export = await world.ExportAsync();
        var failures = new List<string>();
        foreach (var (persona, client) in world.Outsiders())
        {
            foreach (var page in pages)
            {
                using var response = await client.GetAsync(new Uri(page, UriKind.Relative));
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.NotFound || world.Leaks(body) is not null)
                {
                    failures.Add($"{persona} GET {page}: {(int)response.StatusCode} {world.Leaks(body)}");
                }
            }

            var token = await TokenAsync(client);
            foreach (var (name, form, values) in forms)
            {
                using var response = await client.PostFormAsync(form, values: new Dictionary<string, string>(values) { ["__RequestVerificationToken"] = token });
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.Forbidden) || world.Leaks(body) is not null)
                {
                    failures.Add($"{persona} {name}: {(int)response.StatusCode} {world.Leaks(body)}");
                }
            }

            // The CSV, the same.
            using var csv = await PostCsvAsync(client, token, eventId, sessionId, $"registry_id,hours\n{world.Victim.RegistryId},3\n");
            if (csv.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.Forbidden) || world.Leaks(await csv.Content.ReadAsStringAsync()) is not null)
            {
                failures.Add($"{persona} csv: {(int)csv.StatusCode}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Equal(before, await world.SponsorStateAsync());
        Assert.Equal(export, await world.ExportAsync());
    }

    [Fact]
    public async Task Nobody_opens_or_changes_another_writers_announcement()
    {
        await world.ReadyAsync();
        var id = world.AnnouncementId;
        var writer = world.Director;
        var edit = await FormAsync(writer, $"/announcements/{id}/edit", $"/announcements/{id}/edit");
        var page = await writer.GetPageAsync($"/announcements/{id}");
        var forms = new List<(string Name, IHtmlFormElement Form, Dictionary<string, string> Values)> { ("edit", edit, new() { ["SubjectEnglish"] = "Forged" }) };
        forms.AddRange(page.Forms.Where(f => f.Method.Equals("post", StringComparison.OrdinalIgnoreCase) && f.Action.Contains($"/announcements/{id}/", StringComparison.Ordinal))
            .Select(f => (new Uri(f.Action).AbsolutePath, f, new Dictionary<string, string>())));

        var before = await world.AnnouncementStateAsync();
        var failures = new List<string>();
        foreach (var (persona, client) in world.Outsiders().Where(o => o.Persona is "director of another site" or "former employer" or "another sponsor's manager"))
        {
            foreach (var url in new[] { $"/announcements/{id}", $"/announcements/{id}/edit" })
            {
                using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
                if (response.StatusCode != HttpStatusCode.NotFound)
                {
                    failures.Add($"{persona} GET {url}: {(int)response.StatusCode}");
                }
            }

            var token = await TokenAsync(client);
            foreach (var (name, form, values) in forms)
            {
                using var response = await client.PostFormAsync(form, values: new Dictionary<string, string>(values) { ["__RequestVerificationToken"] = token });
                if (response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.Forbidden))
                {
                    failures.Add($"{persona} {name}: {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Equal(before, await world.AnnouncementStateAsync());
    }

    private static bool IdLike(string? name) =>
        name is not null && (name.EndsWith("Id", StringComparison.Ordinal) || name.EndsWith("Ids", StringComparison.Ordinal) || name is "id" or "present" or "code" or "rule" or "Sites" or "Rows" or "staff"
            || name.Equals("county", StringComparison.OrdinalIgnoreCase) || name.Equals("program", StringComparison.OrdinalIgnoreCase) || name.Equals("licenseNumber", StringComparison.OrdinalIgnoreCase));

    private static bool IdCollection(Type type) =>
        type.IsGenericType && type.GetGenericArguments() is [var item] && (item == typeof(int) || item.GetProperties().Any(p => IdLike(p.Name)));

    private static async Task<IHtmlFormElement> FormAsync(HttpClient client, string page, string action) =>
        Form(await client.GetPageAsync(page), action);

    private static IHtmlFormElement Form(IHtmlDocument page, string actionEnd) =>
        page.Forms.FirstOrDefault(f => new Uri(f.Action).AbsolutePath.EndsWith(actionEnd, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No form posting to {actionEnd} on the page.");

    private static async Task<string> TokenAsync(HttpClient client) =>
        ((IHtmlInputElement)(await client.GetPageAsync("/account")).QuerySelector("input[name=__RequestVerificationToken]")!).Value;

    private static async Task<HttpResponseMessage> PostCsvAsync(HttpClient client, string token, int eventId, int sessionId, string csv)
    {
        using var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "File", "attendance.csv");
        return await client.PostAsync(new Uri($"/sponsors/events/{eventId}/sessions/{sessionId}/csv", UriKind.Relative), content);
    }

    /// <summary>The person attacked, their site's director, a sponsor and its event, and everyone who may not touch them.</summary>
    public sealed class World : IAsyncLifetime
    {
        private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();
        private readonly List<(string Persona, HttpClient Client)> _outsiders = [];
        private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public RegistryAppFactory App { get; } = new();

        public Person Victim { get; private set; } = null!;

        public HttpClient Owner { get; private set; } = null!;

        public HttpClient Director { get; private set; } = null!;

        public HttpClient SponsorManager { get; private set; } = null!;

        public int SiteA { get; private set; }

        public int SponsorId { get; private set; }

        public int EventId { get; private set; }

        public int SessionId { get; private set; }

        public int OpenEventId { get; private set; }

        public int PendingMemberId { get; private set; }

        public int UnmatchedId { get; private set; }

        public int AnnouncementId { get; private set; }

        public int AccessLogBefore { get; private set; }

        public sealed record Person(int ProfessionalId, string UserId, string Email, string FirstName, string LastName, string RegistryId)
        {
            public int JobId { get; set; }

            public int DegreeId { get; set; }

            public int CourseId { get; set; }

            public int PermitId { get; set; }

            public int ApplicationId { get; set; }

            public int TrainingId { get; set; }

            public int DocumentId { get; set; }
        }

        public IEnumerable<(string Persona, HttpClient Client)> Outsiders() => _outsiders;

        public Task ReadyAsync() => _ready.Task;

        public async Task InitializeAsync()
        {
            try
            {
                await BuildAsync();
                _ready.SetResult();
            }
            catch (Exception e)
            {
                _ready.SetException(e);
            }
        }

        public async Task DisposeAsync() => await App.DisposeAsync();

        /// <summary>The first thing on the page that names the person, or null.</summary>
        public string? Leaks(string body)
        {
            foreach (var mark in new[] { Victim.LastName, Victim.Email, Victim.RegistryId, RegistryId.Format(Victim.RegistryId) })
            {
                if (body.Contains(mark, StringComparison.OrdinalIgnoreCase))
                {
                    return "shows " + mark;
                }
            }

            return null;
        }

        /// <summary>The person's whole record as they would download it (record.json), without the time of the download and the transcript signed then.</summary>
        public async Task<string> ExportAsync()
        {
            await using var scope = App.Services.CreateAsyncScope();
            var zip = (await scope.ServiceProvider.GetRequiredService<ExportRecord.Handler>().HandleAsync(Victim.ProfessionalId, CancellationToken.None))!.Value.Zip;
            using var archive = new ZipArchive(new MemoryStream(zip));
            await using var json = archive.GetEntry("record.json")!.Open();
            var node = (await JsonNode.ParseAsync(json))!.AsObject();
            ExportSchema.AssertValid(node);
            node.Remove("exportedAt");
            node.Remove("signedTranscript");
            return node.ToJsonString();
        }

        public async Task<int> AccessLogCountAsync() =>
            await DbAsync(db => db.AccessLog.CountAsync(e => e.ProfessionalId == Victim.ProfessionalId));

        public async Task<string> RegistrationsAsync() =>
            string.Join(",", await DbAsync(db => db.Registrations.Where(r => r.ProfessionalId == Victim.ProfessionalId).Select(r => r.EventId + ":" + r.Status).ToListAsync()));

        public async Task<string> SponsorStateAsync() =>
            string.Join("|", await DbAsync(async db => new[]
            {
                string.Join(",", await db.TrainingEvents.Where(e => e.SponsorId == SponsorId).OrderBy(e => e.Id).Select(e => e.Id + e.Details.Title + e.Status).ToListAsync()),
                string.Join(",", await db.SponsorMembers.Where(m => m.SponsorId == SponsorId).OrderBy(m => m.Id).Select(m => m.Id + ":" + m.ApprovedAt + ":" + m.CanManageEvents).ToListAsync()),
                (await db.Attendance.CountAsync(a => a.SessionId == SessionId)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                string.Join(",", await db.UnmatchedAttendance.Where(u => u.SessionId == SessionId).OrderBy(u => u.Id).Select(u => u.Id + ":" + u.ResolvedAt).ToListAsync()),
            }));

        public async Task<string> AnnouncementStateAsync() =>
            await DbAsync(db => db.Announcements.Where(a => a.Id == AnnouncementId).Select(a => a.SubjectEnglish + ":" + a.Status + ":" + a.ScheduledFor).SingleAsync());

        public async Task<T> DbAsync<T>(Func<RegistryDbContext, Task<T>> read)
        {
            await using var scope = App.Services.CreateAsyncScope();
            return await read(scope.ServiceProvider.GetRequiredService<RegistryDbContext>());
        }

        private async Task BuildAsync()
        {
            var sites = await DbAsync(db => db.Employers.Where(e => e.County == "San Francisco").OrderBy(e => e.Id).Skip(40).Take(3).Select(e => e.Id).ToListAsync());
            var (siteA, siteB, siteC) = (sites[0], sites[1], sites[2]);
            SiteA = siteA;
            var license = await DbAsync(db => db.Employers.Where(e => e.Id == siteA).Select(e => e.LicenseNumber).SingleAsync());
            var formerLicense = await DbAsync(db => db.Employers.Where(e => e.Id == siteC).Select(e => e.LicenseNumber).SingleAsync());

            // The person, with a name nothing else on any page could contain, building their record through their own pages.
            Victim = await PersonAsync("Zenobia", "Quillfeather" + Guid.NewGuid().ToString("N")[..6]);
            Owner = App.CreateBrowserLikeClient();
            Assert.Equal("/my-registry", (await App.SignInAsync(Owner, Victim.Email)).Headers.Location?.OriginalString);
            var driver = new SignUpDriver(Owner);
            foreach (var (lookUp, end) in new[] { (license, (string?)null), (formerLicense, "2024-06-30") })
            {
                var select = (await Owner.GetPageAsync($"/my-registry/employment/add?q={lookUp}")).QuerySelector("a.select-employer")!.GetAttribute("href")!;
                SignUpDriver.Expect("/my-registry/employment", await driver.SubmitAsync(select, "/my-registry/employment/add", Job(end), ["Preschool"]));
            }

            SignUpDriver.Expect("/my-registry/education", await driver.SubmitAsync("/my-registry/education/degrees/add", "/my-registry/education/degrees/add", new Dictionary<string, string>
            {
                ["Level"] = "Associate", ["Major"] = "Child Development", ["Institution"] = "City College of San Francisco", ["ConferredDay"] = "24", ["ConferredMonth"] = "5", ["ConferredYear"] = "2019",
            }));
            SignUpDriver.Expect("/my-registry/education", await driver.SubmitAsync("/my-registry/education/courses/add", "/my-registry/education/courses/add", new Dictionary<string, string>
            {
                ["Institution"] = "City College of San Francisco", ["Title"] = "Child Growth", ["CourseNumber"] = "", ["Units"] = "3", ["UnitType"] = "Semester", ["Grade"] = "A", ["Term"] = "Fall 2024", ["Category"] = "ChildGrowthAndDevelopment",
            }));
            SignUpDriver.Expect("/my-registry/permits", await driver.SubmitAsync("/my-registry/permits/add", "/my-registry/permits/add", new Dictionary<string, string>
            {
                ["Type"] = "ChildDevelopmentTeacherPermit", ["Description"] = "", ["Number"] = "240012345", ["IssuingBody"] = "Commission on Teacher Credentialing",
                ["IssuedYear"] = "2022", ["IssuedMonth"] = "7", ["IssuedDay"] = "1", ["ExpiresYear"] = "2027", ["ExpiresMonth"] = "7", ["ExpiresDay"] = "1",
            }));
            await driver.SubmitAsync("/my-registry/permits", "/my-registry/permits/applications", new Dictionary<string, string>
            {
                ["Type"] = "ChildDevelopmentSiteSupervisorPermit", ["AppliedDay"] = "2", ["AppliedMonth"] = "3", ["AppliedYear"] = "2026",
            });
            SignUpDriver.Expect("/my-registry/training", await driver.SubmitAsync("/my-registry/training/add", "/my-registry/training/add", new Dictionary<string, string>
            {
                ["Title"] = "Outdoor play", ["Sponsor"] = "SF Child Care Council", ["AttendedYear"] = "2026", ["AttendedMonth"] = "2", ["AttendedDay"] = "10", ["ClockHours"] = "3", ["TopicArea"] = "", ["Language"] = "English",
            }));
            var upload = await Owner.GetPageAsync("/my-registry/documents");
            using (var content = new MultipartFormDataContent
            {
                { new StringContent(((IHtmlInputElement)upload.QuerySelector("form[enctype='multipart/form-data'] input[name=__RequestVerificationToken]")!).Value), "__RequestVerificationToken" },
                { new StringContent("Transcript"), "Kind" },
            })
            {
                var file = new ByteArrayContent(Pdf);
                file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
                content.Add(file, "File", "transcript.pdf");
                using var uploaded = await Owner.PostAsync(new Uri("/my-registry/documents", UriKind.Relative), content);
                Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
            }

            await DbAsync(async db =>
            {
                var id = Victim.ProfessionalId;
                Victim.JobId = await db.Employments.Where(e => e.ProfessionalId == id && e.EmployerId == siteA).Select(e => e.Id).SingleAsync();
                Victim.DegreeId = await db.Degrees.Where(d => d.ProfessionalId == id).Select(d => d.Id).SingleAsync();
                Victim.CourseId = await db.Courses.Where(c => c.ProfessionalId == id).Select(c => c.Id).SingleAsync();
                Victim.PermitId = await db.Credentials.Where(c => c.ProfessionalId == id).Select(c => c.Id).SingleAsync();
                Victim.ApplicationId = await db.PermitApplications.Where(a => a.ProfessionalId == id).Select(a => a.Id).SingleAsync();
                Victim.TrainingId = await db.TrainingRecords.Where(t => t.ProfessionalId == id).Select(t => t.Id).SingleAsync();
                Victim.DocumentId = await db.Documents.Where(d => d.ProfessionalId == id).Select(d => d.Id).SingleAsync();
                return 0;
            });

            // Those who may act: site A's director, sponsor A's manager (its event has a session, a
            // pending instructor and a held CSV row), an announcement by site A's director.
            Director = (await App.SignedInWithGrantAsync(AccessRole.SiteDirector, siteA)).Client;
            var (manager, managerId) = await App.SignedInProfessionalAsync();
            SponsorManager = manager;
            SponsorId = await App.SponsorAsync(managerId);
            EventId = await App.EventAsync(SponsorId);
            OpenEventId = await App.EventAsync(await App.SponsorAsync((await App.SignedInProfessionalAsync()).ProfessionalId), title: "Open to directors");
            await App.RegisterAsync(EventId, Victim.ProfessionalId);
            PendingMemberId = await App.InstructorRequestAsync(SponsorId);
            await DbAsync(async db =>
            {
                SessionId = await db.TrainingSessions.Where(s => s.EventId == EventId).Select(s => s.Id).FirstAsync();
                var held = new Registry.Web.Domain.Calendar.UnmatchedAttendance(SessionId, "0000 0000", null, 3, "No one has this registry id", DateTimeOffset.UtcNow);
                db.UnmatchedAttendance.Add(held);
                var announcement = new Registry.Web.Domain.Messages.Announcement(
                    await db.AccessGrants.Where(g => g.EmployerId == siteA && g.Role == AccessRole.SiteDirector).Select(g => g.UserId).FirstAsync(), siteA, null, DateTimeOffset.UtcNow);
                announcement.Write(Registry.Web.Domain.Messages.MessageKind.News, "Staff meeting", "Thursday at four.", null, null, new Registry.Web.Domain.Messages.Audience(EmployerId: siteA));
                db.Announcements.Add(announcement);
                await db.SaveChangesAsync();
                UnmatchedId = held.Id;
                AnnouncementId = announcement.Id;
                return 0;
            });

            // Everyone who may not.
            _outsiders.Add(("another professional", (await App.SignedInProfessionalAsync()).Client));
            _outsiders.Add(("director of another site", (await App.SignedInWithGrantAsync(AccessRole.SiteDirector, siteB)).Client));
            _outsiders.Add(("director whose grant expired", await DirectorAsync(siteA, DateTimeOffset.UtcNow.AddYears(-1), DateTimeOffset.UtcNow.AddDays(-1), revoked: false)));
            _outsiders.Add(("director whose grant was revoked", await DirectorAsync(siteA, DateTimeOffset.UtcNow.AddDays(-10), DateTimeOffset.UtcNow.AddDays(300), revoked: true)));
            _outsiders.Add(("director whose grant starts tomorrow", await DirectorAsync(siteA, DateTimeOffset.UtcNow.AddDays(1), DateTimeOffset.UtcNow.AddDays(365), revoked: false)));
            _outsiders.Add(("former employer", (await App.SignedInWithGrantAsync(AccessRole.SiteDirector, siteC)).Client));
            _outsiders.Add(("rater of another county", (await App.SignedInWithGrantAsync(AccessRole.Rater, null, "Alameda")).Client));
            var (otherManager, otherManagerId) = await App.SignedInProfessionalAsync();
            await App.EventAsync(await App.SponsorAsync(otherManagerId), title: "Another sponsor's event");
            _outsiders.Add(("another sponsor's manager", otherManager));
            AccessLogBefore = await AccessLogCountAsync();
        }

        private static Dictionary<string, string> Job(string? end)
        {
            var e = end?.Split('-');
            return new()
            {
                ["Role"] = "Teacher", ["RoleDescription"] = "",
                ["StartYear"] = "2020", ["StartMonth"] = "8", ["StartDay"] = "15",
                ["EndYear"] = e?[0] ?? "", ["EndMonth"] = e?[1] ?? "", ["EndDay"] = e?[2] ?? "",
                ["DaysPerWeek"] = "5", ["HoursPerDay"] = "7.5", ["HourlyWage"] = "",
            };
        }

        private async Task<Person> PersonAsync(string first, string last)
        {
            var email = $"{first.ToLowerInvariant()}.{Guid.NewGuid():N}@example.org";
            await using var scope = App.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<RegistryUser>>();
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var user = new RegistryUser { UserName = email, Email = email, EmailConfirmed = true };
            Assert.True((await users.CreateAsync(user, TestAccounts.Password)).Succeeded);
            var professional = new Professional(await TestRegistryIds.NextAsync(db), user.Id, new PersonName(first, null, last), new DateOnly(1991, 3, 14), email, DateTimeOffset.UtcNow);
            db.Professionals.Add(professional);
            await db.SaveChangesAsync();
            return new Person(professional.Id, user.Id, email, first, last, professional.RegistryId);
        }

        /// <summary>A professional holding (once) a director's grant to the site that is not active now; signed in with the password alone.</summary>
        private async Task<HttpClient> DirectorAsync(int site, DateTimeOffset from, DateTimeOffset until, bool revoked)
        {
            var (email, userId, _) = await App.ProfessionalAsync();
            await DbAsync(async db =>
            {
                var grant = AccessGrant.ForSite(userId, AccessRole.SiteDirector, site, from, until);
                if (revoked)
                {
                    grant.Revoke(DateTimeOffset.UtcNow.AddDays(-1));
                }

                db.AccessGrants.Add(grant);
                return await db.SaveChangesAsync();
            });
            var client = App.CreateBrowserLikeClient();
            Assert.Equal("/my-registry", (await App.SignInAsync(client, email)).Headers.Location?.OriginalString);
            return client;
        }
    }
}
