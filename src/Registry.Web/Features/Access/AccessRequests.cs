using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Registry.Web.Data;
using Registry.Web.Domain.Access;
using Registry.Web.Domain.Accounts;
using Registry.Web.Domain.Documents;
using Registry.Web.Infrastructure.Email;
using Registry.Web.Infrastructure.Security;
using Registry.Web.Infrastructure.Storage;

namespace Registry.Web.Features.Access;

public sealed class AccessOptions
{
    public const string Section = "Access";

    /// <summary>How long approved access lasts.</summary>
    public TimeSpan GrantLength { get; set; } = TimeSpan.FromDays(365);

    /// <summary>How long before it lapses the reminder goes out.</summary>
    public TimeSpan RemindBefore { get; set; } = TimeSpan.FromDays(30);

    // Access:SiteAddress, the public address, is now read as the older name of Site:PublicUrl
    // (Infrastructure/Web/SiteOptions.cs).
}

/// <summary>Administrative access: a person's requests and grants, and registry staff's decisions.</summary>
public static class AccessRequests
{
    public sealed class RequestForm
    {
        public List<int> Sites { get; set; } = [];

        public string? Position { get; set; }

        public bool IsDesignee { get; set; }

        public IFormFile? Proof { get; set; }
    }

    public sealed record SiteView(int Id, string LicenseNumber, string Name, string? City);

    public sealed record GrantView(AccessRole Role, SiteView? Site, string? County, DateTimeOffset ExpiresAt);

    /// <summary>A request as shown; <see cref="UserId"/> is the requester's account (registry staff never decide their own).</summary>
    public sealed record RequestView(int Id, DateTimeOffset RequestedAt, string Position, bool IsDesignee, IReadOnlyList<SiteView> Sites, AccessRequestStatus Status, string? Reason, string? RequesterEmail, string? RequesterName, string ProofFileName, string UserId);

    public sealed record MyAccess(IReadOnlyList<GrantView> Grants, IReadOnlyList<RequestView> Requests);

    public sealed class Handler(RegistryDbContext db, IDocumentStorage storage, TimeProvider time, IStringLocalizer<SharedResource> t, AccountEmails emails, SecurityAudit audit, IOptions<AccessOptions> options, ILogger<AccessRequests.Handler> logger)
    {
        public async Task<MyAccess> MineAsync(string userId, CancellationToken ct)
        {
            var now = time.GetUtcNow();
            var grants = await db.AccessGrants.AsNoTracking()
                .Where(AccessGrant.ActiveAt(now)).Where(g => g.UserId == userId)
                .OrderBy(g => g.ExpiresAt)
                .Select(g => new
                {
                    g.Role, g.County, g.ExpiresAt,
                    Site = db.Employers.Where(e => e.Id == g.EmployerId).Select(e => new SiteView(e.Id, e.LicenseNumber, e.Name, e.City)).FirstOrDefault(),
                })
                .ToListAsync(ct);
            var requests = await RequestsAsync(db.AccessRequests.Where(r => r.UserId == userId).OrderByDescending(r => r.RequestedAt).Take(20), ct);
            return new MyAccess(grants.Select(g => new GrantView(g.Role, g.Site, g.County, g.ExpiresAt)).ToList(), requests);
        }

        /// <summary>Pending requests, oldest first, for registry staff.</summary>
        public Task<IReadOnlyList<RequestView>> PendingAsync(CancellationToken ct) =>
            RequestsAsync(db.AccessRequests.Where(r => r.Status == AccessRequestStatus.Pending).OrderBy(r => r.RequestedAt).Take(100), ct);

        public async Task<IReadOnlyList<SiteView>> SitesAsync(IReadOnlyCollection<int> ids, CancellationToken ct) =>
            await db.Employers.AsNoTracking().Where(e => EF.Parameter(ids.ToList()).Contains(e.Id)).OrderBy(e => e.Name)
                .Select(e => new SiteView(e.Id, e.LicenseNumber, e.Name, e.City)).ToListAsync(ct);

        /// <summary>Saves the request, or says beside which field what is wrong.</summary>
        public async Task<(string Field, string Message)?> RequestAsync(string userId, RequestForm form, CancellationToken ct)
        {
            var sites = form.Sites.Distinct().ToList();
            if (sites.Count == 0 || sites.Count > 50)
            {
                return ("Sites", t["Find your site and tick it (up to 50 sites in one request)."]);
            }

            if (await db.Employers.CountAsync(e => EF.Parameter(sites).Contains(e.Id), ct) != sites.Count)
            {
                return ("Sites", t["One of the sites chosen is not on the licensing list. Search again."]);
            }

            if (string.IsNullOrWhiteSpace(form.Position))
            {
                return ("Position", t["Enter your position at the site, like \"site director\"."]);
            }

            if (form.Position.Trim().Length > AccessRequest.MaxPositionLength)
            {
                return ("Position", t["Use at most {0} characters.", AccessRequest.MaxPositionLength]);
            }

            var (upload, problem) = await Uploads.StoreAsync(form.Proof, t["Upload a document that shows your position (or a designee letter)."], storage, t, logger, ct);
            if (upload is not { } stored)
            {
                return ("Proof", problem!);
            }

            var (key, _, type, proof) = stored;
            db.AccessRequests.Add(new AccessRequest(userId, form.Position, form.IsDesignee, sites, key, Document.SafeFileName(proof.FileName, type), type, time.GetUtcNow()));
            await Uploads.SaveOrForgetAsync(db, storage, key, ct);
            return null;
        }

        /// <summary>The request's proof file, with the requester's professional record (if they have one) for the access log.</summary>
        public async Task<(AccessRequest Request, Stream Content, int? ProfessionalId)?> OpenProofAsync(int requestId, CancellationToken ct)
        {
            if (await db.AccessRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == requestId, ct) is not { } request)
            {
                return null;
            }

            var professionalId = await db.Professionals.Where(p => p.UserId == request.UserId).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
            return await storage.OpenAsync(request.ProofStorageKey, ct) is { } content ? (request, content, professionalId) : null;
        }

        /// <summary>Whether the request is the staff member's own: another staff member decides it.</summary>
        public Task<bool> IsOwnAsync(int requestId, string staffUserId, CancellationToken ct) =>
            db.AccessRequests.AnyAsync(r => r.Id == requestId && r.UserId == staffUserId, ct);

        /// <summary>Approves a pending request (never one's own): one grant per site (each audited), for the configured length; the person is emailed.</summary>
        public async Task<bool> ApproveAsync(int requestId, string staffUserId, CancellationToken ct)
        {
            if (await db.AccessRequests.Include(r => r.Sites).SingleOrDefaultAsync(r => r.Id == requestId && r.Status == AccessRequestStatus.Pending && r.UserId != staffUserId, ct) is not { } request)
            {
                return false;
            }

            var now = time.GetUtcNow();
            var expires = now.Add(options.Value.GrantLength);
            request.Approve(staffUserId, now);
            var email = await db.Users.Where(u => u.Id == request.UserId).Select(u => u.Email).FirstOrDefaultAsync(ct);
            var siteIds = request.Sites.Select(s => s.EmployerId).ToList();
            var labels = await db.Employers.AsNoTracking().Where(e => EF.Parameter(siteIds).Contains(e.Id))
                .Select(e => new { e.Id, Label = e.Name + " (" + e.LicenseNumber + ")" }).ToDictionaryAsync(e => e.Id, e => e.Label, ct);
            foreach (var site in request.Sites)
            {
                var grant = AccessGrant.ForSite(request.UserId, AccessRole.SiteDirector, site.EmployerId, now, expires, request.Id);
                db.AccessGrants.Add(grant);
                audit.Add(SecurityEventKind.GrantGiven, request.UserId, email, grant.AuditText(labels.GetValueOrDefault(site.EmployerId)));
            }

            var names = await SiteNamesAsync(request, ct);
            await emails.QueueAccessDecisionAsync(request.UserId, approved: true, names, expires, null);
            await db.SaveChangesAsync(ct);
            return true;
        }

        public async Task<bool> DenyAsync(int requestId, string staffUserId, string reason, CancellationToken ct)
        {
            if (await db.AccessRequests.Include(r => r.Sites).SingleOrDefaultAsync(r => r.Id == requestId && r.Status == AccessRequestStatus.Pending && r.UserId != staffUserId, ct) is not { } request)
            {
                return false;
            }

            request.Deny(staffUserId, time.GetUtcNow(), reason);
            await emails.QueueAccessDecisionAsync(request.UserId, approved: false, await SiteNamesAsync(request, ct), null, request.DecisionReason);
            await db.SaveChangesAsync(ct);
            return true;
        }

        private async Task<IReadOnlyList<string>> SiteNamesAsync(AccessRequest request, CancellationToken ct)
        {
            var ids = request.Sites.Select(s => s.EmployerId).ToList();
            return await db.Employers.AsNoTracking().Where(e => EF.Parameter(ids).Contains(e.Id)).OrderBy(e => e.Name)
                .Select(e => e.Name + " (" + e.LicenseNumber + ")").ToListAsync(ct);
        }

        private async Task<IReadOnlyList<RequestView>> RequestsAsync(IQueryable<AccessRequest> query, CancellationToken ct)
        {
            var rows = await query.AsNoTracking()
                .Select(r => new
                {
                    r.Id, r.RequestedAt, r.Position, r.IsDesignee, r.Status, r.DecisionReason, r.ProofFileName, r.UserId,
                    Email = db.Users.Where(u => u.Id == r.UserId).Select(u => u.Email).FirstOrDefault(),
                    Name = db.Professionals.Where(p => p.UserId == r.UserId).Select(p => p.FirstName + " " + p.LastName).FirstOrDefault(),
                    Sites = r.Sites.Select(s => s.EmployerId).ToList(),
                })
                .ToListAsync(ct);
            var siteIds = rows.SelectMany(r => r.Sites).Distinct().ToList();
            var sites = (await SitesAsync(siteIds, ct)).ToDictionary(s => s.Id);
            return rows.Select(r => new RequestView(r.Id, r.RequestedAt, r.Position, r.IsDesignee, r.Sites.Where(sites.ContainsKey).Select(id => sites[id]).ToList(), r.Status, r.DecisionReason, r.Email, r.Name, r.ProofFileName, r.UserId)).ToList();
        }
    }
}
