namespace Registry.Web.Features.Workforce;

/// <summary>A select box's name, label, choices (value, text) and the chosen value.</summary>
public sealed record SelectField(string Name, string Label, IReadOnlyList<(string Value, string Text)> Options, string? Selected);

/// <summary>A horizontal bar chart drawn on the server as SVG, with its text alternative (a title, a description and the table beside it).</summary>
public sealed record BarChart(string Id, string Title, string Description, string Caption, IReadOnlyList<(string Label, long? Value)> Bars);
