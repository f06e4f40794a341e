using System.Globalization;
using Registry.Web.Domain.Calendar;

namespace Registry.Web.Infrastructure.Localization;

/// <summary>The reasons attendance was credited less, stored in English with their numbers; shown in the reader's language.</summary>
public static partial class AttendanceReasons
{
    public static string Translate(string? reason, Microsoft.Extensions.Localization.IStringLocalizer t)
    {
        if (reason is null)
        {
            return string.Empty;
        }

        if (Repeat().Match(reason) is { Success: true } repeat)
        {
            return t["Repeat of the same training credited on {0}", DateOnly.ParseExact(repeat.Groups[1].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToString("d", CultureInfo.CurrentCulture)];
        }

        if (Cap().Match(reason) is { Success: true } cap)
        {
            return t["At most {0} hours are credited per day", cap.Groups[1].Value];
        }

        if (Decided().Match(reason) is { Success: true } decided)
        {
            return t[decided.Groups[1].Value + " by registry staff: {0}", decided.Groups[2].Value];
        }

        return t[reason];
    }

    /// <summary>What a posting shows where its hours do not count (waiting, refused, undone), in English; <see cref="Translate"/> shows it translated.</summary>
    public static string? Of(AttendanceStatus status, string? reason, string? decisionReason) => status switch
    {
        AttendanceStatus.AwaitingApproval => "Waiting for registry staff's approval",
        AttendanceStatus.Refused => "Refused by registry staff: " + decisionReason,
        AttendanceStatus.Undone => "Undone by registry staff: " + decisionReason,
        _ => reason,
    };

    [System.Text.RegularExpressions.GeneratedRegex(@"^(Refused|Undone) by registry staff: (.*)$", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex Decided();

    [System.Text.RegularExpressions.GeneratedRegex(@"^Repeat of the same training credited on (\d{4}-\d{2}-\d{2})$")]
    private static partial System.Text.RegularExpressions.Regex Repeat();

    [System.Text.RegularExpressions.GeneratedRegex(@"^At most ([\d.]+) hours are credited per day$")]
    private static partial System.Text.RegularExpressions.Regex Cap();
}
