using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.Training;

namespace Registry.UnitTests.Domain;

public sealed class TrainingTotalsTests
{
    private static readonly DateOnly Today = new(2026, 11, 1);

    private static TrainingRecord Hours(string date, decimal hours, TrainingTrustLevel trust = TrainingTrustLevel.SelfReported) =>
        new("Workshop", "Sponsor", DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), hours, null, null, null, trust);

    [Fact]
    public void This_year_counts_the_calendar_year_with_verified_and_self_reported_apart()
    {
        var totals = TrainingTotals.Compute(
            [Hours("2026-01-01", 3), Hours("2026-06-15", 6, TrainingTrustLevel.SponsorVerified), Hours("2025-12-31", 10), Hours("2026-12-31", 2)],
            [],
            Today);

        Assert.Equal(6m, totals.ThisYear.Verified);
        Assert.Equal(5m, totals.ThisYear.SelfReported);
        Assert.Equal(11m, totals.ThisYear.Total);
    }

    [Fact]
    public void A_permit_s_renewal_counts_105_hours_in_its_five_year_cycle()
    {
        // A Teacher permit expiring 1 July 2029: its cycle is 1 July 2024 to 30 June 2029.
        var permit = new Credential(CredentialType.ChildDevelopmentTeacherPermit, null, "CTC", new DateOnly(2024, 7, 1), new DateOnly(2029, 7, 1));
        var cpr = new Credential(CredentialType.PediatricCprAndFirstAid, null, "Red Cross", new DateOnly(2026, 1, 1), null);
        var expired = new Credential(CredentialType.ChildDevelopmentAssistantPermit, null, "CTC", new DateOnly(2019, 1, 1), new DateOnly(2024, 1, 1));

        var totals = TrainingTotals.Compute(
            [Hours("2024-06-30", 50), Hours("2024-07-01", 20, TrainingTrustLevel.SponsorVerified), Hours("2026-03-01", 40), Hours("2029-06-30", 5)],
            [permit, cpr, expired],
            Today);

        var renewal = Assert.Single(totals.Renewals);
        Assert.Equal(CredentialType.ChildDevelopmentTeacherPermit, renewal.Permit);
        Assert.Equal(new DateOnly(2024, 7, 1), renewal.Hours.From);
        Assert.Equal(20m, renewal.Hours.Verified);
        Assert.Equal(45m, renewal.Hours.SelfReported);
        Assert.Equal(40m, renewal.Remaining);
    }
}
