using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain;
using Registry.Web.Domain.Employers;

namespace Registry.Web.Infrastructure.Employers;

/// <summary>
/// The employer look-up every screen that asks "where do you work?" calls. A license number
/// finds its site exactly (spaces, dashes and a lost leading zero forgiven); anything else is a
/// name: every word typed must begin a word of the site's name, in any order, letter case,
/// accents or punctuation ("garcia, maria" finds "GARCIA, MARIA"; "ho nancy" finds "Ho, Nancy").
/// Exact names come first, then names that start with what was typed, then other matches;
/// within each, operating sites before closed ones, then by name.
/// </summary>
public static class SearchEmployers
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
    public const int MaxQueryLength = 100;

    /// <summary>Words beyond this many are ignored: names rarely need more to be told apart.</summary>
    public const int MaxWords = 6;

    public sealed record Criteria(string? Text, int Page = 1, int PageSize = DefaultPageSize);

    public sealed record Match(
        int Id,
        string LicenseNumber,
        string Name,
        FacilityType FacilityType,
        string? Address,
        string? City,
        string? Zip,
        EmployerStatus Status,
        bool NoLongerListed);

    public enum SearchKind
    {
        None,
        LicenseNumber,
        Name,
    }

    public sealed record Result(SearchKind Kind, IReadOnlyList<Match> Matches, int Total, int Page, int PageSize)
    {
        public int PageCount => Total == 0 ? 0 : (Total + PageSize - 1) / PageSize;

        public bool HasNextPage => Page < PageCount;

        public static Result Empty(SearchKind kind, int pageSize) => new(kind, [], 0, 1, pageSize);
    }

    public sealed class Handler(RegistryDbContext db)
    {
        public async Task<Result> HandleAsync(Criteria query, CancellationToken cancellationToken)
        {
            var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
            var page = Math.Max(query.Page, 1);
            var text = query.Text?.Trim() ?? string.Empty;
            if (text.Length is 0 or > MaxQueryLength)
            {
                return Result.Empty(SearchKind.None, pageSize);
            }

            if (LicenseNumber.LooksLikeLicenseNumber(text))
            {
                return await ByLicenseNumberAsync(text, pageSize, cancellationToken);
            }

            return await ByNameAsync(text, page, pageSize, cancellationToken);
        }

        private async Task<Result> ByLicenseNumberAsync(string text, int pageSize, CancellationToken ct)
        {
            var number = LicenseNumber.Normalize(text);
            if (number is null)
            {
                return Result.Empty(SearchKind.LicenseNumber, pageSize);
            }

            var matches = await ByNumber.For(db)(db, number).ToListAsync(ct);

            return new Result(SearchKind.LicenseNumber, matches, matches.Count, 1, pageSize);
        }

        private async Task<Result> ByNameAsync(string text, int page, int pageSize, CancellationToken ct)
        {
            var searchName = SearchText.Normalize(text);
            var words = SearchText.Words(text).Take(MaxWords).ToList();
            if (words.Count == 0)
            {
                return Result.Empty(SearchKind.Name, pageSize);
            }

            // Each word typed is a set of employer ids from the word index (a prefix is a range on
            // it, SearchText.PrefixRange), and the matches are their intersection.
            IQueryable<int> WithWord(string word)
            {
                var (from, to) = SearchText.PrefixRange(word);
                return db.EmployerNameWords
                    .Where(w => w.Word.CompareTo(from) >= 0 && w.Word.CompareTo(to) <= 0)
                    .Select(w => w.EmployerId);
            }

            var ids = words.Skip(1).Aggregate(WithWord(words[0]), (matches, word) => matches.Intersect(WithWord(word)));

            // Counted from the word index alone, without reading a single employer row.
            var total = await ids.Distinct().CountAsync(ct);
            var employers = db.Employers.AsNoTracking().Where(e => ids.Contains(e.Id));
            if (total == 0)
            {
                return Result.Empty(SearchKind.Name, pageSize);
            }

            var lastPage = (total + pageSize - 1) / pageSize;
            page = Math.Min(page, lastPage);
            var matches = await employers
                .OrderBy(e => e.SearchName == searchName ? 0 : e.SearchName.StartsWith(searchName) ? 1 : 2)
                .ThenBy(e => e.NoLongerListedAt == null ? 0 : 1)
                .ThenBy(e => e.Status)
                .ThenBy(e => e.SearchName)
                .ThenBy(e => e.LicenseNumber)
                .Skip((page - 1) * pageSize)
                .Take(pageSize)
                .Select(ToMatch)
                .ToListAsync(ct);
            return new Result(SearchKind.Name, matches, total, page, pageSize);
        }

        private static readonly System.Linq.Expressions.Expression<Func<Employer, Match>> ToMatch = e => new Match(
            e.Id, e.LicenseNumber, e.Name, e.FacilityType, e.Address, e.City, e.Zip, e.Status, e.NoLongerListedAt != null);

        /// <summary>The look-up by number, compiled: the most asked public page that the page cache cannot hold whole (docs/benchmarks.md).</summary>
        private static readonly PerModelQuery<Func<RegistryDbContext, string, IAsyncEnumerable<Match>>> ByNumber = new(() =>
            EF.CompileAsyncQuery((RegistryDbContext db, string number) => db.Employers.AsNoTracking()
                .Where(e => e.LicenseNumber == number)
                .Select(ToMatch)));
    }
}
