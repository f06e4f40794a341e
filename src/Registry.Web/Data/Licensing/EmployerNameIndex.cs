using System.Text;
using Microsoft.EntityFrameworkCore;
using Registry.Web.Domain;

namespace Registry.Web.Data.Licensing;

/// <summary>
/// Keeps the word index of employer names (<c>EmployerNameWords</c>) in step with the names.
/// The index is derived data, written in multi-row statements: a statewide import adds over a
/// hundred thousand words, which one statement per word would take many seconds to write.
/// </summary>
public static class EmployerNameIndex
{
    // Two parameters a row; SQL Server takes at most 2,100 parameters a statement.
    private const int RowsPerStatement = 500;

    public static async Task ReplaceAsync(RegistryDbContext db, IReadOnlyCollection<(int EmployerId, string Name)> employers, CancellationToken ct)
    {
        if (employers.Count == 0)
        {
            return;
        }

        var ids = employers.Select(e => e.EmployerId).ToList();
        await db.EmployerNameWords.Where(w => EF.Parameter(ids).Contains(w.EmployerId)).ExecuteDeleteAsync(ct);

        var words = employers.SelectMany(e => SearchText.Words(e.Name).Select(word => (e.EmployerId, Word: word)));
        foreach (var batch in words.Chunk(RowsPerStatement))
        {
            var sql = new StringBuilder("INSERT INTO \"EmployerNameWords\" (\"Word\", \"EmployerId\") VALUES ");
            var parameters = new object[batch.Length * 2];
            for (var i = 0; i < batch.Length; i++)
            {
                sql.Append(i == 0 ? "(" : ", (").Append('{').Append(i * 2).Append("}, {").Append((i * 2) + 1).Append("})");
                parameters[i * 2] = batch[i].Word;
                parameters[(i * 2) + 1] = batch[i].EmployerId;
            }

            await db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, ct);
        }
    }
}
