using System.Collections.Concurrent;

namespace Registry.Web.Infrastructure.Security;

/// <summary>
/// The looks this app instance logged in the last <see cref="Window"/>: a director reloading a
/// roster, or a rater paging back and forth, is one look in each person's "Who looked at my
/// record", not one line a reload (and not a write a reload, which under SQLite's single writer
/// held up every other request).
/// </summary>
public sealed class RecentLooks(TimeProvider time)
{
    /// <summary>The same viewer seeing the same part of the same record again within this time is not logged again.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private const int MaxRemembered = 200_000;

    private readonly ConcurrentDictionary<Look, DateTimeOffset> _logged = new();

    public readonly record struct Look(string ViewerUserId, string Role, int? EmployerId, string What, int ProfessionalId);

    /// <summary>The looks not logged within the window (in the order given).</summary>
    public List<Look> NotYetLogged(IEnumerable<Look> looks)
    {
        var now = time.GetUtcNow();
        return looks.Where(look => !(_logged.TryGetValue(look, out var at) && at <= now && now - at < Window)).ToList();
    }

    /// <summary>Called once the looks are saved.</summary>
    public void Logged(IEnumerable<Look> looks)
    {
        var now = time.GetUtcNow();
        if (_logged.Count > MaxRemembered)
        {
            foreach (var (look, at) in _logged)
            {
                if (now - at >= Window || at > now)
                {
                    _logged.TryRemove(look, out _);
                }
            }

            if (_logged.Count > MaxRemembered)
            {
                // Forgetting only means a look is logged twice.
                _logged.Clear();
            }
        }

        foreach (var look in looks)
        {
            _logged[look] = now;
        }
    }
}
