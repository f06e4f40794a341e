namespace Registry.Web.Domain.Rules;

/// <summary>
/// The one rule for a site's professional development year (Quality Counts: "from one rating
/// validation date to the next"): the 12 months that end on an anniversary of the site's
/// validation date, taking the first anniversary on or after the day; so for a validation on
/// <c>V</c> the hours that count are those of the year up to and including <c>V</c>. Without a
/// validation date, the 12 months up to the day. The rater's page, the director's roster, the
/// reminders, the exports, the rules engine and the census all ask here (decision 0039).
/// </summary>
public static class RatingYear
{
    /// <summary>The hours of professional development a Quality Counts lead teacher needs in a rating year.</summary>
    public const decimal YearlyHours = 21;

    public static (DateOnly From, DateOnly To) For(DateOnly? validationDate, DateOnly day)
    {
        if (validationDate is not { } v)
        {
            return (day.AddYears(-1).AddDays(1), day);
        }

        // The first anniversary of v on or after the day (AddYears keeps 29 February as the 28th in other years).
        var years = day.Year - v.Year - 1;
        while (v.AddYears(years) < day)
        {
            years++;
        }

        return (v.AddYears(years - 1).AddDays(1), v.AddYears(years));
    }
}
