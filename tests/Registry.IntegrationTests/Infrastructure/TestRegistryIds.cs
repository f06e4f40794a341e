using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain.Professionals;

namespace Registry.IntegrationTests.Infrastructure;

/// <summary>
/// Registry ids for the people tests make directly: from a sequence (never the same one twice in a
/// run) and skipping any the app already gave out, so the unique index never decides a test's fate
/// (random ids collided about once in a few runs).
/// </summary>
public static class TestRegistryIds
{
    private static int _serial = 5_000_000;

    public static async Task<string> NextAsync(RegistryDbContext db)
    {
        while (true)
        {
            var id = RegistryId.FromSerial(Interlocked.Increment(ref _serial) % 10_000_000);
            if (!await db.Professionals.IgnoreQueryFilters().AnyAsync(p => p.RegistryId == id))
            {
                return id;
            }
        }
    }
}
