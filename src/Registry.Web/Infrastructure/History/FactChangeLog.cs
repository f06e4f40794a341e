using System.Security.Claims;
using Registry.Web.Data;
using Registry.Web.Domain.Facts;

namespace Registry.Web.Infrastructure.History;

/// <summary>
/// Keeps the changes that undid a confirmation or a verification. A handler takes a
/// <see cref="FactWatch"/> before it changes a fact, and hands it here after: the changed fields
/// are added to the same save as the change itself, with who made it.
/// </summary>
public sealed class FactChangeLog(RegistryDbContext db, IHttpContextAccessor http, TimeProvider time)
{
    /// <summary>Adds the changes (not saved yet); the number of fields that undid a confirmation or verification.</summary>
    public int Record(FactWatch watch, IVouchedFact after)
    {
        var changes = watch.Changes(after, time.GetUtcNow(), http.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier));
        db.FactChanges.AddRange(changes);
        return changes.Count;
    }
}
