using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Registry.Web.Data;
using Registry.Web.Data.Licensing;
using Registry.Web.Domain;
using Registry.Web.Domain.Employers;

namespace Registry.Web.Features.Employers;

/// <summary>Jobs at employers "not found" at sign-up, which registry staff match to a site on the licensing list (or add the site).</summary>
public sealed class UnlistedEmployers(RegistryDbContext db, TimeProvider time)
{
    public sealed record UnlistedJob(int EmploymentId, int ProfessionalId, string PersonName, string RegistryId, string BusinessName, string? Address, string? City);

    /// <summary>The oldest jobs still unmatched, and how many there are.</summary>
    public async Task<(IReadOnlyList<UnlistedJob> Jobs, int Total)> UnlistedAsync(int take, CancellationToken ct)
    {
        var query = db.Employments.AsNoTracking().Where(e => e.EmployerId == null);
        var jobs = await query.OrderBy(e => e.Id).Take(take)
            .Join(db.Professionals, e => e.ProfessionalId, p => p.Id, (e, p) => new UnlistedJob(e.Id, p.Id, p.FirstName + " " + p.LastName, p.RegistryId, e.UnlistedEmployer!.BusinessName, e.UnlistedEmployer.Address, e.UnlistedEmployer.City))
            .ToListAsync(ct);
        return (jobs, await query.CountAsync(ct));
    }

    /// <summary>Matches the job to a listed site; false when the job is matched already or the site does not exist.</summary>
    public async Task<bool> LinkAsync(int employmentId, int employerId, CancellationToken ct)
    {
        var job = await db.Employments.SingleOrDefaultAsync(e => e.Id == employmentId && e.EmployerId == null, ct);
        if (job is null || !await db.Employers.AnyAsync(e => e.Id == employerId, ct))
        {
            return false;
        }

        job.LinkToEmployer(employerId);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>
    /// A site missing from the imported list (newly licensed, say): registry staff add it with its
    /// license number and the job is matched to it. Returns the problem beside its field, if any.
    /// </summary>
    public async Task<(string Field, string Message)?> CreateSiteAsync(int employmentId, string? licenseNumber, string? name, string? county, FacilityType? type, IStringLocalizer t, CancellationToken ct)
    {
        var job = await db.Employments.SingleOrDefaultAsync(e => e.Id == employmentId && e.EmployerId == null, ct);
        if (job is null)
        {
            return ("", "");
        }

        if (LicenseNumber.Normalize(licenseNumber) is not { } license)
        {
            return ("licenseNumber", t["Enter the 9-digit license number."]);
        }

        if (await db.Employers.AnyAsync(e => e.LicenseNumber == license, ct))
        {
            return ("licenseNumber", t["That license number is already on the list: search for it and match it."]);
        }

        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 200)
        {
            return ("name", t["Enter the site's name as licensed."]);
        }

        if (!CaliforniaCounties.IsCounty(county))
        {
            return ("county", t["Choose a county from the list."]);
        }

        if (type is null || !Enum.IsDefined(type.Value))
        {
            return ("facilityType", t["Choose the kind of site."]);
        }

        var unlisted = job.UnlistedEmployer;
        var employer = new Employer(license, new EmployerDetails(name.Trim().ToUpperInvariant(), type.Value, unlisted?.Address, unlisted?.City, "CA", null, county, null, EmployerStatus.Licensed), "registry staff", time.GetUtcNow());
        db.Employers.Add(employer);
        await db.SaveChangesAsync(ct);
        await EmployerNameIndex.ReplaceAsync(db, [(employer.Id, employer.Name)], ct);
        job.LinkToEmployer(employer.Id);
        await db.SaveChangesAsync(ct);
        return null;
    }
}
