using Registry.Web.Domain.Credentials;

namespace Registry.Web.Domain.Training;

/// <summary>Hours in a window, with sponsor-verified and self-reported hours kept apart.</summary>
public sealed record HoursInWindow(DateOnly From, DateOnly To, decimal Verified, decimal SelfReported)
{
    public decimal Total => Verified + SelfReported;
}

/// <summary>Progress toward a permit's renewal: 105 hours of professional growth in its five-year cycle.</summary>
public sealed record RenewalProgress(CredentialType Permit, DateOnly ExpiresOn, HoursInWindow Hours)
{
    public const decimal RequiredHours = 105m;

    public decimal Remaining => Math.Max(0, RequiredHours - Hours.Total);
}

/// <summary>The professional development totals a person sees: this calendar year, and each current permit's renewal cycle.</summary>
public sealed record TrainingTotals(HoursInWindow ThisYear, IReadOnlyList<RenewalProgress> Renewals)
{
    public static TrainingTotals Compute(IReadOnlyCollection<TrainingRecord> records, IEnumerable<Credential> credentials, DateOnly today)
    {
        HoursInWindow Window(DateOnly from, DateOnly to)
        {
            var inWindow = records.Where(r => r.AttendedOn >= from && r.AttendedOn <= to).ToList();
            return new HoursInWindow(
                from,
                to,
                inWindow.Where(r => r.TrustLevel == TrainingTrustLevel.SponsorVerified).Sum(r => r.ClockHours),
                inWindow.Where(r => r.TrustLevel == TrainingTrustLevel.SelfReported).Sum(r => r.ClockHours));
        }

        var thisYear = Window(new DateOnly(today.Year, 1, 1), new DateOnly(today.Year, 12, 31));
        var renewals = credentials
            .Where(c => Credential.IsChildDevelopmentPermit(c.Type) && c.ExpiresOn is { } expiry && expiry > today)
            .Select(c => new RenewalProgress(c.Type, c.ExpiresOn!.Value, Window(c.ExpiresOn.Value.AddYears(-5), c.ExpiresOn.Value.AddDays(-1))))
            .ToList();
        return new TrainingTotals(thisYear, renewals);
    }
}
