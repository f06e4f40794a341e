using Microsoft.EntityFrameworkCore;
using Registry.Web.Domain.Verifications;

namespace Registry.Web.Data;

/// <summary>The verification queue as people see it: where an entry sent for review stands.</summary>
public static class ReviewQueuePositions
{
    /// <summary>Where an entry sent at <paramref name="submittedAt"/> stands: 1 is next.</summary>
    public static async Task<int> QueuePositionAsync(this RegistryDbContext db, DateTimeOffset submittedAt, CancellationToken ct)
    {
        var pending = VerificationStatus.PendingReview;
        var earlierCourses = await db.Courses.CountAsync(c => c.Verification.Status == pending && c.Verification.At < submittedAt, ct);
        var earlierCredentials = await db.Credentials.CountAsync(c => c.Verification.Status == pending && c.Verification.At < submittedAt, ct);
        return earlierCourses + earlierCredentials + 1;
    }
}
