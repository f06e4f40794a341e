namespace Registry.Web.Domain.Employers;

/// <summary>
/// California's facility license numbers: nine digits. People type them with spaces or dashes,
/// and spreadsheets drop the leading zero, so every number is stored and compared in one
/// normal form.
/// </summary>
public static class LicenseNumber
{
    public const int Length = 9;

    /// <summary>
    /// The normal form of <paramref name="input"/> (nine digits), or null when it is not a
    /// license number: anything but digits, spaces and dashes, or a length other than 8 or 9
    /// digits (8 when the leading zero was lost).
    /// </summary>
    public static string? Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        Span<char> digits = stackalloc char[Length];
        var count = 0;
        foreach (var c in input)
        {
            if (c is ' ' or '-' or '\t' or '\u00a0' or '\u2010' or '\u2011' or '\u2013')
            {
                continue;
            }

            if (!char.IsAsciiDigit(c) || count == Length)
            {
                return null;
            }

            digits[count++] = c;
        }

        return count switch
        {
            Length => new string(digits),
            Length - 1 => string.Concat("0", digits[..count]),
            _ => null,
        };
    }

    /// <summary>True when the text is shaped like a license number rather than a name.</summary>
    public static bool LooksLikeLicenseNumber(string? input) =>
        !string.IsNullOrWhiteSpace(input) && input.Any(char.IsAsciiDigit) &&
        input.All(c => char.IsAsciiDigit(c) || c is ' ' or '-' or '\t');
}
