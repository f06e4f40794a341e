using System.Globalization;
using System.Net.Mail;

namespace Registry.Web.Infrastructure.Forms;

/// <summary>Rules several forms share: dates typed as day, month and year; email addresses; phone numbers.</summary>
public static class FormRules
{
    /// <summary>
    /// A date typed in three boxes (the GOV.UK "memorable date" pattern: works on every phone,
    /// with or without JavaScript, in any language), or null when it is not a real date.
    /// </summary>
    public static DateOnly? ParseDate(string? day, string? month, string? year)
    {
        if (!int.TryParse(day?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var d) ||
            !int.TryParse(month?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var m) ||
            !int.TryParse(year?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var y) ||
            y is < 1900 or > 2200 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m))
        {
            return null;
        }

        return new DateOnly(y, m, d);
    }

    /// <summary>A date as a date field (or a query string) sends it: yyyy-MM-dd; null when it is not one.</summary>
    public static DateOnly? ParseIsoDate(string? value) =>
        DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    public static bool AllBlank(params string?[] values) => values.All(string.IsNullOrWhiteSpace);

    /// <summary>An optional text field as stored: trimmed, or null when nothing was typed.</summary>
    public static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>An address with a name, one @ and a domain with a dot; no display names or lists.</summary>
    public static bool IsEmailAddress(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 256 || value.Any(char.IsWhiteSpace))
        {
            return false;
        }

        try
        {
            var address = new MailAddress(value);
            return address.Address == value && address.Host.Contains('.', StringComparison.Ordinal) && !address.Host.EndsWith('.');
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>A phone number: digits with the usual separators, 10 to 15 digits.</summary>
    public static bool IsPhoneNumber(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 30)
        {
            return false;
        }

        var digits = value.Count(char.IsAsciiDigit);
        return digits is >= 10 and <= 15 && value.All(c => char.IsAsciiDigit(c) || c is ' ' or '-' or '(' or ')' or '+' or '.');
    }

    /// <summary>A decimal typed in either language's style ("37.5" or "37,5").</summary>
    public static decimal? ParseDecimal(string? value)
    {
        var text = value?.Trim().Replace(',', '.');
        return decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) ? number : null;
    }
}
