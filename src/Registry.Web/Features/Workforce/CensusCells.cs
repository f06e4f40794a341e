using System.Runtime.InteropServices;
using Registry.Web.Domain.Workforce;

namespace Registry.Web.Features.Workforce;

/// <summary>
/// Counts every pair of dimensions by county once, when a snapshot is taken, in one pass over its
/// rows in memory: 78 pairs of 13 dimensions, a few hundred thousand cells for a large state.
/// </summary>
public static class CensusCells
{
    public static readonly IReadOnlyList<(Dimension First, Dimension Second)> Pairs =
        (from a in Dimensions.All from b in Dimensions.All where a < b select (a, b)).ToList();

    private static readonly Func<CensusRecord, int>[] Readers =
        Enum.GetValues<Dimension>().Select(d => Dimensions.Read(d).Compile()).ToArray();

    public static List<CensusCell> Count(int snapshotId, IEnumerable<CensusRecord> rows)
    {
        // Key: pair (7 bits), county (6), first value (8), second value (8); every value is below 256.
        var counts = new Dictionary<long, long>();
        var readers = Pairs.Select(p => (First: Readers[(int)p.First], Second: Readers[(int)p.Second])).ToArray();
        foreach (var row in rows)
        {
            for (var pair = 0; pair < readers.Length; pair++)
            {
                var key = ((((((long)pair << 6) | (uint)row.County) << 8) | (uint)readers[pair].First(row)) << 8) | (uint)readers[pair].Second(row);
                CollectionsMarshal.GetValueRefOrAddDefault(counts, key, out _)++;
            }
        }

        return counts.Select(c => new CensusCell
        {
            SnapshotId = snapshotId,
            First = (int)Pairs[(int)(c.Key >> 22)].First,
            Second = (int)Pairs[(int)(c.Key >> 22)].Second,
            County = (int)((c.Key >> 16) & 63),
            FirstValue = (int)((c.Key >> 8) & 255),
            SecondValue = (int)(c.Key & 255),
            Count = c.Value,
        }).ToList();
    }
}
