using Registry.Web.Domain.Employments;
using Registry.Web.Domain.Verifications;

namespace Registry.UnitTests.Domain;

/// <summary>Issue 19, items 2 and 3, as rules: an employer ends only a current job, on a day that has happened; nobody decides their own case.</summary>
public sealed class EmployerEndingTests
{
    private static readonly DateOnly Today = new(2026, 12, 4);
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    private static Employment Job() => Employment.AtListedEmployer(1, EmploymentRole.Teacher, Today.AddYears(-2), new EmploymentSchedule(5, 8));

    [Fact]
    public void A_job_is_current_until_its_last_day_has_passed()
    {
        var job = Job();
        Assert.True(job.IsCurrentOn(Today));
        job.End(Today);
        Assert.True(job.IsCurrentOn(Today));
        Assert.False(job.IsCurrentOn(Today.AddDays(1)));
        Assert.True(Employment.CurrentOn(Today).Compile()(job));
        Assert.False(Employment.CurrentOn(Today.AddDays(1)).Compile()(job));
    }

    [Fact]
    public void An_employer_ends_a_current_job_on_a_day_that_has_happened_and_confirms_it()
    {
        var job = Job();
        Assert.Throws<ArgumentOutOfRangeException>(() => job.EndByEmployer(Today.AddDays(1), Today, "director", Now));
        Assert.Throws<ArgumentOutOfRangeException>(() => job.EndByEmployer(job.StartDate.AddDays(-1), Today, "director", Now));
        Assert.Null(job.EndDate);

        job.EndByEmployer(Today.AddDays(-3), Today, "director", Now);

        Assert.Equal((Today.AddDays(-3), "director"), (job.EndDate!.Value, job.ConfirmedByUserId!));
    }

    [Fact]
    public void An_ended_job_is_not_reopened_by_an_employer()
    {
        var job = Job();
        job.End(Today.AddDays(-30));

        Assert.Throws<InvalidOperationException>(() => job.EndByEmployer(Today, Today, "director", Now));
        Assert.Equal(Today.AddDays(-30), job.EndDate);
    }

    [Theory]
    [InlineData("staff-1", "staff-1", false)]
    [InlineData("staff-1", "person-2", true)]
    [InlineData("staff-1", null, true)]
    [InlineData("", "person-2", false)]
    public void Nobody_decides_their_own_case(string decider, string? subject, bool may) =>
        Assert.Equal(may, SeparationOfDuties.MayDecide(decider, subject));
}
