using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.Education;
using Registry.Web.Domain.Employments;
using Registry.Web.Domain.Facts;
using Registry.Web.Domain.Verifications;

namespace Registry.UnitTests.Domain;

public sealed class RecordInvariantTests
{
    private static readonly DateOnly IssuedOn = new(2024, 6, 1);

    [Fact]
    public void A_permit_cannot_expire_before_it_is_issued()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new Credential(CredentialType.ChildDevelopmentTeacherPermit, "123", "CTC", IssuedOn, IssuedOn.AddDays(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new Credential(CredentialType.ChildDevelopmentTeacherPermit, "123", "CTC", IssuedOn, IssuedOn));
    }

    [Fact]
    public void A_permit_is_current_from_issue_until_expiry()
    {
        var permit = new Credential(CredentialType.ChildDevelopmentTeacherPermit, "123", "CTC", IssuedOn, IssuedOn.AddYears(5));

        Assert.False(permit.IsCurrentOn(IssuedOn.AddDays(-1)));
        Assert.True(permit.IsCurrentOn(IssuedOn));
        Assert.False(permit.IsCurrentOn(IssuedOn.AddYears(5)));
        Assert.Equal(VerificationStatus.SelfReported, permit.Verification.Status);
    }

    [Theory]
    [InlineData(0, 8)]
    [InlineData(8, 8)]
    [InlineData(5, 0)]
    [InlineData(5, 25)]
    public void A_schedule_is_a_real_week(decimal days, decimal hours) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new EmploymentSchedule(days, hours));

    [Fact]
    public void Permit_experience_counts_days_of_three_hours_or_more()
    {
        Assert.True(new EmploymentSchedule(5, 3m).CountsAsPermitExperienceDay);
        Assert.False(new EmploymentSchedule(5, 2.5m).CountsAsPermitExperienceDay);
        Assert.Equal(37.5m, new EmploymentSchedule(5, 7.5m).HoursPerWeek);
    }

    [Fact]
    public void A_job_cannot_end_before_it_starts()
    {
        var job = Employment.AtListedEmployer(1, EmploymentRole.Teacher, new DateOnly(2025, 1, 6), new EmploymentSchedule(5, 6));

        Assert.Throws<ArgumentOutOfRangeException>(() => job.End(new DateOnly(2025, 1, 5)));
        job.End(new DateOnly(2025, 6, 30));
        Assert.False(job.IsCurrent);
    }

    [Fact]
    public void An_unlisted_employer_needs_a_business_name() =>
        Assert.Throws<ArgumentException>(() =>
            Employment.AtUnlistedEmployer(new UnlistedEmployer(" ", null, null), EmploymentRole.Teacher, new DateOnly(2025, 1, 6), new EmploymentSchedule(5, 6)));

    [Fact]
    public void Quarter_units_count_two_thirds_of_a_semester_unit()
    {
        var course = new Course("City College", "CD 53", "Child Growth", 4.5m, UnitType.Quarter, "b", "Fall 2024", CourseCategory.ChildGrowthAndDevelopment);

        Assert.Equal(3m, course.SemesterUnits);
        Assert.Equal("B", course.Grade);
    }

    [Fact]
    public void A_fact_not_accepted_says_why()
    {
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Throws<ArgumentException>(() => Verification.NotAccepted(" ", "staff-1", at));
        var rejected = Verification.NotAccepted("The transcript is unreadable.", "staff-1", at);
        Assert.Equal(VerificationStatus.NotAccepted, rejected.Status);
        Assert.Equal("The transcript is unreadable.", rejected.Reason);
    }
}

public sealed class CourseUpdateTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Changing_a_verified_course_makes_it_self_reported_again()
    {
        var course = new Course("City College", "CDEV 53", "Child Growth", 3m, UnitType.Semester, "B", "Fall 2024", CourseCategory.ChildGrowthAndDevelopment);
        course.RecordVerification(Verification.Verified("staff-1", At));

        course.Update("City College", "CDEV 53", "Child Growth", 3m, UnitType.Semester, "A", "Fall 2024", CourseCategory.ChildGrowthAndDevelopment);

        Assert.Equal(VerificationStatus.SelfReported, course.Verification.Status);
    }

    [Fact]
    public void Saving_a_verified_course_unchanged_keeps_it_verified()
    {
        var course = new Course("City College", "CDEV 53", "Child Growth", 3m, UnitType.Semester, "B", "Fall 2024", CourseCategory.ChildGrowthAndDevelopment);
        course.RecordVerification(Verification.Verified("staff-1", At));

        course.Update("City College", "CDEV 53", "Child Growth", 3m, UnitType.Semester, "b", " Fall 2024 ", CourseCategory.ChildGrowthAndDevelopment);

        Assert.Equal(VerificationStatus.Verified, course.Verification.Status);
    }
}

public sealed class CredentialExpiryTests
{
    private static readonly DateOnly Issued = new(2025, 3, 1);

    [Fact]
    public void A_CPR_card_with_no_printed_expiry_lasts_two_years()
    {
        var card = new Credential(CredentialType.PediatricCprAndFirstAid, null, "American Red Cross", Issued, null);

        Assert.Equal(new DateOnly(2027, 3, 1), card.ExpiresOn);
        Assert.True(card.ExpiryAssumed);
    }

    [Fact]
    public void A_permit_with_no_printed_expiry_lasts_five_years_and_a_printed_one_wins()
    {
        Assert.Equal(new DateOnly(2030, 3, 1), new Credential(CredentialType.ChildDevelopmentTeacherPermit, null, "CTC", Issued, null).ExpiresOn);
        var printed = new Credential(CredentialType.ChildDevelopmentTeacherPermit, null, "CTC", Issued, new DateOnly(2030, 4, 1));
        Assert.Equal(new DateOnly(2030, 4, 1), printed.ExpiresOn);
        Assert.False(printed.ExpiryAssumed);
        Assert.Null(new Credential(CredentialType.ChildDevelopmentAssociateCredential, null, "Council", Issued, null).ExpiresOn);
    }

    [Theory]
    [InlineData("2026-11-30", CredentialStanding.Current)]
    [InlineData("2026-12-01", CredentialStanding.ExpiringSoon)]
    [InlineData("2027-02-28", CredentialStanding.ExpiringSoon)]
    [InlineData("2027-03-01", CredentialStanding.Expired)]
    public void Standing_is_current_expiring_within_90_days_or_expired(string today, CredentialStanding expected)
    {
        // Issued 1 March 2025 with no printed expiry: expires 1 March 2027.
        var card = new Credential(CredentialType.PediatricCprAndFirstAid, null, "American Red Cross", Issued, null);

        Assert.Equal(expected, card.StandingOn(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));
    }
}

public sealed class EmploymentHistoryTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static Employment Job() =>
        Employment.AtListedEmployer(7, EmploymentRole.Teacher, new DateOnly(2022, 8, 15), new EmploymentSchedule(5, 8));

    [Fact]
    public void Changing_a_confirmed_job_s_facts_makes_it_unconfirmed()
    {
        var job = Job();
        job.ConfirmByEmployer("director-1", At);

        job.Revise(EmploymentRole.Teacher, null, new DateOnly(2022, 8, 1), null, new EmploymentSchedule(5, 8), false, AgeGroups.Preschool, null);

        Assert.False(job.IsConfirmedByEmployer);
        Assert.Null(job.ConfirmedByUserId);
    }

    [Theory]
    [InlineData(true, AgeGroups.None, null)]
    [InlineData(false, AgeGroups.Toddlers, null)]
    [InlineData(false, AgeGroups.None, 22.50)]
    public void Changing_supervising_adults_age_groups_or_wage_on_a_confirmed_job_makes_it_unconfirmed(bool supervises, AgeGroups groups, double? wage)
    {
        // Issue 19: these were left "confirmed" and the permit rules counted them as confirmed experience.
        var job = Job();
        job.Describe(false, AgeGroups.Preschool, null, null);
        job.ConfirmByEmployer("director-1", At);
        var watch = FactWatch.Before(job);

        job.Revise(EmploymentRole.Teacher, null, new DateOnly(2022, 8, 15), null, new EmploymentSchedule(5, 8), supervises, AgeGroups.Preschool | groups, (decimal?)wage);

        Assert.False(job.IsConfirmedByEmployer);
        var change = Assert.Single(watch.Changes(job, At.AddDays(1), "person-1"));
        Assert.Equal("director-1", change.ConfirmedByUserId);
        Assert.Equal(At, change.ConfirmedAt);
    }

    [Fact]
    public void Ending_a_confirmed_current_job_keeps_the_confirmation_and_records_nothing()
    {
        var job = Job();
        job.ConfirmByEmployer("director-1", At);
        var watch = FactWatch.Before(job);

        job.Revise(EmploymentRole.Teacher, null, new DateOnly(2022, 8, 15), new DateOnly(2025, 6, 30), new EmploymentSchedule(5, 8), false, AgeGroups.None, null);

        Assert.True(job.IsConfirmedByEmployer);
        Assert.Empty(watch.Changes(job, At.AddDays(1), "person-1"));
    }

    [Fact]
    public void Ending_a_confirmed_job_together_with_another_change_makes_it_unconfirmed()
    {
        var job = Job();
        job.ConfirmByEmployer("director-1", At);

        job.Revise(EmploymentRole.Teacher, null, new DateOnly(2022, 8, 15), new DateOnly(2025, 6, 30), new EmploymentSchedule(5, 8), true, AgeGroups.None, null);

        Assert.False(job.IsConfirmedByEmployer);
    }

    [Fact]
    public void Saving_a_confirmed_job_unchanged_keeps_the_confirmation()
    {
        var job = Job();
        job.ConfirmByEmployer("director-1", At);

        job.Revise(EmploymentRole.Teacher, null, new DateOnly(2022, 8, 15), null, new EmploymentSchedule(5, 8), false, AgeGroups.None, null);

        Assert.True(job.IsConfirmedByEmployer);
    }

    [Fact]
    public void A_role_change_is_a_new_dated_row_not_an_overwrite()
    {
        var job = Job();

        var lead = job.ChangeRole(EmploymentRole.LeadTeacher, null, new DateOnly(2024, 9, 1));

        Assert.Equal(new DateOnly(2024, 8, 31), job.EndDate);
        Assert.Equal(EmploymentRole.Teacher, job.Role);
        Assert.Equal(EmploymentRole.LeadTeacher, lead.Role);
        Assert.Equal(new DateOnly(2024, 9, 1), lead.StartDate);
        Assert.Equal(job.EmployerId, lead.EmployerId);
        Assert.Equal(job.Schedule, lead.Schedule);
        Assert.Throws<ArgumentOutOfRangeException>(() => Job().ChangeRole(EmploymentRole.LeadTeacher, null, new DateOnly(2022, 8, 15)));
    }
}

public sealed class DocumentRulesTests
{
    [Theory]
    [InlineData("../../etc/passwd", Registry.Web.Domain.Documents.DocumentFileType.Pdf, "passwd.pdf")]
    [InlineData("C:\\Users\\maria\\transcript.pdf", Registry.Web.Domain.Documents.DocumentFileType.Pdf, "transcript.pdf")]
    [InlineData("permit <script>.png", Registry.Web.Domain.Documents.DocumentFileType.Png, "permit _script_.png")]
    [InlineData("", Registry.Web.Domain.Documents.DocumentFileType.Jpeg, "document.jpg")]
    [InlineData("..", Registry.Web.Domain.Documents.DocumentFileType.Jpeg, "document.jpg")]
    public void Download_names_are_safe(string uploaded, Registry.Web.Domain.Documents.DocumentFileType type, string expected) =>
        Assert.Equal(expected, Registry.Web.Domain.Documents.Document.SafeFileName(uploaded, type));

    [Fact]
    public void Files_are_recognised_by_content()
    {
        Assert.Equal(Registry.Web.Domain.Documents.DocumentFileType.Pdf, Registry.Web.Domain.Documents.Document.Recognise("%PDF-1.7\n"u8));
        Assert.Equal(Registry.Web.Domain.Documents.DocumentFileType.Png, Registry.Web.Domain.Documents.Document.Recognise([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0]));
        Assert.Equal(Registry.Web.Domain.Documents.DocumentFileType.Jpeg, Registry.Web.Domain.Documents.Document.Recognise([0xFF, 0xD8, 0xFF, 0xE0]));
        Assert.Null(Registry.Web.Domain.Documents.Document.Recognise("MZ\x90\0"u8));
        Assert.Null(Registry.Web.Domain.Documents.Document.Recognise("<html>"u8));
    }
}
