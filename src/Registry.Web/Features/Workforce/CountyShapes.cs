using System.Text.Json;

namespace Registry.Web.Features.Workforce;

/// <summary>A county's outline on the state map, as an SVG path in the map's 400 by 460 box.</summary>
public sealed record County(string Fips, string Name, string Path);

/// <summary>
/// California's 58 counties drawn for the map: the U.S. Census Bureau's 2017 cartographic
/// boundaries (public domain) by way of us-atlas 3.0.1, projected once with
/// docs/maps/build-california-counties.mjs (California Albers) and kept in the app.
/// </summary>
public sealed class CountyShapes
{
    public const string ViewBox = "0 0 400 460";

    public CountyShapes()
    {
        using var stream = typeof(CountyShapes).Assembly.GetManifestResourceStream("Registry.CaliforniaCounties")
            ?? throw new InvalidOperationException("The county map is missing from the build.");
        using var document = JsonDocument.Parse(stream);
        All = document.RootElement.GetProperty("counties").EnumerateArray()
            .Select(c => new County(c.GetProperty("fips").GetString()!, c.GetProperty("name").GetString()!, c.GetProperty("path").GetString()!))
            .ToArray();
    }

    public County[] All { get; }

    /// <summary>The county's FIPS code (06001 for Alameda), from its place in the alphabetical list.</summary>
    public static string Fips(int countyCode) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"06{(countyCode * 2) - 1:000}");
}
