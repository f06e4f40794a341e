namespace Registry.Web.Infrastructure.Forms;

/// <summary>One labelled form field for the _Field partial: its error comes from ModelState under <see cref="Name"/>.</summary>
public sealed record FormField(
    string Name,
    string Label,
    string? Value,
    string Type = "text",
    string? Autocomplete = null,
    string? Hint = null,
    int? MaxLength = null,
    bool Optional = false,
    string? InputMode = null,
    string CssClass = "");

/// <summary>A date in three boxes (day, month, year) for the _DateField partial; errors are under the day's name.</summary>
public sealed record DateField(string Prefix, string Legend, string? Day, string? Month, string? Year, string? Hint = null, string? AutocompletePrefix = null);

/// <summary>The "where it was earned" choice (a state or a country code), for the _PlaceField partial.</summary>
public sealed record PlaceField(string? Value);
