using System.Text;

namespace Registry.Synthetic;

/// <summary>
/// A statewide-size licensing list in the CCLD layout: centers with business names, family
/// child care homes as "LAST, FIRST", all 58 counties, the agency's statuses in realistic shares.
/// Deterministic for a seed, so runs compare.
/// </summary>
public sealed class StatewideListGenerator
{
    public static readonly string[] Counties =
    [
        "ALAMEDA", "ALPINE", "AMADOR", "BUTTE", "CALAVERAS", "COLUSA", "CONTRA COSTA", "DEL NORTE", "EL DORADO", "FRESNO",
        "GLENN", "HUMBOLDT", "IMPERIAL", "INYO", "KERN", "KINGS", "LAKE", "LASSEN", "LOS ANGELES", "MADERA", "MARIN",
        "MARIPOSA", "MENDOCINO", "MERCED", "MODOC", "MONO", "MONTEREY", "NAPA", "NEVADA", "ORANGE", "PLACER", "PLUMAS",
        "RIVERSIDE", "SACRAMENTO", "SAN BENITO", "SAN BERNARDINO", "SAN DIEGO", "SAN FRANCISCO", "SAN JOAQUIN",
        "SAN LUIS OBISPO", "SAN MATEO", "SANTA BARBARA", "SANTA CLARA", "SANTA CRUZ", "SHASTA", "SIERRA", "SISKIYOU",
        "SOLANO", "SONOMA", "STANISLAUS", "SUTTER", "TEHAMA", "TRINITY", "TULARE", "TUOLUMNE", "VENTURA", "YOLO", "YUBA",
    ];

    private static readonly string[] LastNames =
    [
        "GARCIA", "RODRIGUEZ", "MARTINEZ", "HERNANDEZ", "LOPEZ", "GONZALEZ", "PEREZ", "SANCHEZ", "RAMIREZ", "TORRES",
        "NGUYEN", "TRAN", "LE", "PHAM", "WONG", "CHEN", "LEE", "KIM", "PARK", "HO", "SMITH", "JOHNSON", "WILLIAMS",
        "BROWN", "JONES", "DAVIS", "MILLER", "WILSON", "ANDERSON", "THOMAS", "JACKSON", "WHITE", "HARRIS", "MARTIN",
        "THOMPSON", "MOORE", "YOUNG", "ALLEN", "KING", "WRIGHT", "SCOTT", "GREEN", "BAKER", "ADAMS", "NELSON", "HILL",
        "FLORES", "RIVERA", "GOMEZ", "DIAZ", "REYES", "MORALES", "CRUZ", "ORTIZ", "GUTIERREZ", "CHAVEZ", "RAMOS",
        "CASTILLO", "JIMENEZ", "VASQUEZ", "MENDOZA", "RUIZ", "ALVAREZ", "ROMERO", "HUANG", "LIU", "YANG", "ZHANG",
    ];

    private static readonly string[] FirstNames =
    [
        "MARIA", "GUADALUPE", "ROSA", "ANA", "CARMEN", "LETICIA", "VERONICA", "MARTHA", "PATRICIA", "ELIZABETH",
        "NANCY", "LINDA", "SUSAN", "KAREN", "LISA", "MICHELLE", "JENNIFER", "ANGELA", "SANDRA", "DONNA", "MAI",
        "LINH", "THUY", "HOA", "MEI", "LI", "XIAO", "JOANNA", "TERESA", "YOLANDA", "SILVIA", "ALMA", "BLANCA",
        "ESPERANZA", "GLORIA", "IRMA", "JUANA", "LAURA", "LUZ", "MONICA", "NORMA", "OLGA", "RUTH", "SOFIA",
    ];

    private static readonly string[] CenterWords =
    [
        "LITTLE", "STAR", "STARS", "SUNSHINE", "RAINBOW", "BRIGHT", "HORIZONS", "KIDS", "KINDER", "CARE", "HAPPY",
        "DAYS", "TINY", "TOTS", "GROWING", "TREE", "HOUSE", "LEARNING", "GARDEN", "FIRST", "STEPS", "BUILDING",
        "BLOCKS", "WONDER", "YEARS", "ACORN", "OAK", "VALLEY", "HILLSIDE", "COMMUNITY", "FAMILY", "CHILDREN'S",
        "ST. MARY'S", "GOOD", "SHEPHERD", "HEAD", "START", "EARLY", "HAPPY", "HEARTS", "LOS", "NIÑOS", "MI", "CASITA",
    ];

    // One kind in fifteen is Montessori: about 3% of all sites, San Francisco's real share (34 of 1,144).
    private static readonly string[] CenterKinds =
    [
        "PRESCHOOL", "CHILD CARE CENTER", "CHILD DEVELOPMENT CENTER", "MONTESSORI SCHOOL", "NURSERY SCHOOL",
        "LEARNING CENTER", "INFANT CENTER", "SCHOOL AGE PROGRAM", "ACADEMY", "CHILDREN'S CENTER", "DAY CARE",
        "EARLY LEARNING CENTER", "HEAD START", "STATE PRESCHOOL", "CO-OP NURSERY SCHOOL",
    ];

    private readonly List<string> _licenseNumbers = [];
    private readonly List<string> _homeNames = [];

    private StatewideListGenerator()
    {
    }

    public byte[] Bytes { get; private set; } = [];

    /// <param name="countyWeights">How likely each of <see cref="Counties"/> is (by default all alike).</param>
    public static StatewideListGenerator Generate(int rows, int seed, IReadOnlyList<double>? countyWeights = null)
    {
        var cumulative = countyWeights is null ? null : Cumulative(countyWeights);
        var random = new Random(seed);
        var generator = new StatewideListGenerator();
        var csv = new StringBuilder(rows * 110);
        csv.Append("facility_type,facility_number,facility_name,facility_address,facility_city,facility_state,facility_zip,county_name,facility_capacity,facility_status\n");
        var used = new HashSet<int>();
        for (var i = 0; i < rows; i++)
        {
            var countyIndex = cumulative is null ? random.Next(Counties.Length) : Pick(random, cumulative);
            int number;
            do
            {
                number = ((countyIndex + 1) * 10_000_000) + random.Next(10_000_000);
            }
            while (!used.Add(number));

            var license = number.ToString("D9", System.Globalization.CultureInfo.InvariantCulture);
            generator._licenseNumbers.Add(license);
            var isHome = random.NextDouble() < 0.55;
            string type, name, address, capacity;
            if (isHome)
            {
                type = random.NextDouble() < 0.6 ? "LARGE FAMILY CHILD CARE HOME" : "SMALL FAMILY CHILD CARE HOME";
                name = $"{Pick(random, LastNames)}, {Pick(random, FirstNames)}";
                if (random.NextDouble() < 0.2)
                {
                    name += " " + (char)('A' + random.Next(26)) + ".";
                }

                generator._homeNames.Add(name);
                address = string.Empty;
                capacity = type.StartsWith("LARGE", StringComparison.Ordinal) ? "14" : "8";
            }
            else
            {
                type = Pick(random, ["DAY CARE CENTER", "DAY CARE CENTER", "DAY CARE CENTER", "INFANT CENTER", "SCHOOL AGE DAY CARE CENTER", "SINGLE LICENSED CHILD CARE CENTER"]);
                name = $"{Pick(random, CenterWords)} {Pick(random, CenterWords)} {Pick(random, CenterKinds)}";
                address = $"{random.Next(1, 9999)} {Pick(random, LastNames)} STREET";
                capacity = random.Next(12, 200).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            var status = random.NextDouble() switch
            {
                < 0.78 => "LICENSED",
                < 0.93 => "CLOSED",
                < 0.97 => "INACTIVE",
                < 0.995 => "PENDING",
                _ => "ON PROBATION",
            };
            var quotedName = name.Contains(',', StringComparison.Ordinal) ? $"\"{name}\"" : name;
            csv.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"{type},{license},{quotedName},{address},{Counties[countyIndex]} CITY,CA,9{random.Next(1000, 6200):D4},{Counties[countyIndex]},{capacity},{status}\n");
        }

        generator.Bytes = Encoding.UTF8.GetBytes(csv.ToString());
        return generator;
    }

    public IReadOnlyList<string> SampleLicenseNumbers(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => _licenseNumbers[random.Next(_licenseNumbers.Count)]).ToList();
    }

    public IReadOnlyList<string> SampleHomeNames(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => _homeNames[random.Next(_homeNames.Count)]).ToList();
    }

    /// <summary>The same list with the status of every nth site changed (a month's worth of licensing changes).</summary>
    public static byte[] WithChanges(byte[] file, int everyNth)
    {
        var lines = Encoding.UTF8.GetString(file).Split('\n');
        for (var i = 1; i < lines.Length; i++)
        {
            if (i % everyNth == 0 && lines[i].EndsWith(",LICENSED", StringComparison.Ordinal))
            {
                lines[i] = lines[i][..^"LICENSED".Length] + "CLOSED";
            }
        }

        return Encoding.UTF8.GetBytes(string.Join('\n', lines));
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];

    /// <summary>Running totals of weights scaled to 1, for <see cref="Pick(Random, double[])"/>.</summary>
    public static double[] Cumulative(IReadOnlyList<double> weights)
    {
        var total = weights.Sum();
        var running = 0d;
        return weights.Select(w => running += w / total).ToArray();
    }

    /// <summary>An index drawn with the probabilities whose running totals are <paramref name="cumulative"/>.</summary>
    public static int Pick(Random random, double[] cumulative)
    {
        var x = random.NextDouble();
        var i = Array.BinarySearch(cumulative, x);
        i = i < 0 ? ~i : i;
        return Math.Min(i, cumulative.Length - 1);
    }
}
