namespace Registry.Web.Domain.Professionals;

/// <summary>
/// The number people see and quote for a professional: printed on a membership card, read out
/// on the phone. Eight digits, the last a Luhn check digit so that a mistyped digit or two
/// swapped digits is caught; shown as "1234 5678". It is never the database key and never
/// changes.
/// </summary>
public static class RegistryId
{
    public const int Length = 8;

    /// <summary>Makes a registry id from seven random digits (0 to 9,999,999) and their check digit.</summary>
    public static string FromSerial(int serial)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(serial);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(serial, 9_999_999);
        var body = serial.ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
        return body + CheckDigit(body);
    }

    /// <summary>The stored form (eight digits) of what someone typed, or null if it is not a valid registry id.</summary>
    public static string? Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        var digits = new string(input.Where(c => c is not (' ' or '-')).ToArray());
        if (digits.Length != Length || !digits.All(char.IsAsciiDigit))
        {
            return null;
        }

        return CheckDigit(digits[..^1]) == digits[^1] ? digits : null;
    }

    public static string Format(string registryId) =>
        registryId.Length == Length ? $"{registryId[..4]} {registryId[4..]}" : registryId;

    private static char CheckDigit(string body)
    {
        var sum = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var digit = body[body.Length - 1 - i] - '0';
            if (i % 2 == 0)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
        }

        return (char)('0' + ((10 - (sum % 10)) % 10));
    }
}
