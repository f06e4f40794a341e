using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Registry.Web.Data;

/// <summary>
/// Work that must see no concurrent change (counting places, then taking one) in one serializable
/// transaction, tried again when the database refuses it as a serialization failure: PostgreSQL
/// and SQL Server detect conflicts and roll one transaction back (SQLSTATE 40001, or a deadlock,
/// 40P01 / 1205) rather than making it wait, as SQLite's single writer does. The work runs from
/// the start each time, on a cleared change tracker.
/// </summary>
public static class SerializableTransaction
{
    public const int MaxAttempts = 6;

    public static async Task<T> RunAsync<T>(RegistryDbContext db, Func<CancellationToken, Task<T>> work, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, ct);
            try
            {
                var result = await work(ct);
                await transaction.CommitAsync(ct);
                return result;
            }
            catch (Exception e) when (attempt < MaxAttempts && IsSerializationFailure(e))
            {
                // The transaction is rolled back as it is disposed (after a failed commit it is already over).
                db.ChangeTracker.Clear();
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 25) * attempt), ct);
            }
        }
    }

    public static bool IsSerializationFailure(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            // PostgreSQL names the failure by SQLSTATE; SQL Server's client by its error number (1205: chosen as a deadlock victim).
            if (e is DbException { SqlState: "40001" or "40P01" } || (e is DbException && e.GetType().GetProperty("Number")?.GetValue(e) is 1205))
            {
                return true;
            }
        }

        return false;
    }
}
