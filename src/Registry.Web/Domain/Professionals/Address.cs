namespace Registry.Web.Domain.Professionals;

/// <summary>A mailing address (stored as columns of its owner's table); the first line says it is there.</summary>
public sealed record Address(string Line1, string? Line2, string? City, string? State, string? Zip);
