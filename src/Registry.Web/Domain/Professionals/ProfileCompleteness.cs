namespace Registry.Web.Domain.Professionals;

/// <summary>One thing a complete profile has; <see cref="Key"/> names it for the checklist's text and link.</summary>
public sealed record CompletenessItem(string Key, bool Done);

/// <summary>What a profile holds, as far as completeness is concerned.</summary>
public sealed record ProfileFacts(
    bool HasCounty,
    bool HasCurrentJob,
    bool HasHighestEducation,
    bool HasCoursesOrDegree,
    bool HasPermitOrCredential,
    bool HasTrainingThisYear,
    bool AnsweredDemographics);

/// <summary>A profile's completeness: a score out of 100 and the checklist of what is missing.</summary>
public sealed record ProfileCompleteness(int Score, IReadOnlyList<CompletenessItem> Items)
{
    public IEnumerable<CompletenessItem> Missing => Items.Where(i => !i.Done);

    public static ProfileCompleteness Compute(ProfileFacts facts)
    {
        CompletenessItem[] items =
        [
            new("current-employer", facts.HasCurrentJob),
            new("county", facts.HasCounty),
            new("education-level", facts.HasHighestEducation),
            new("courses", facts.HasCoursesOrDegree),
            new("permit", facts.HasPermitOrCredential),
            new("training", facts.HasTrainingThisYear),
            new("about-you", facts.AnsweredDemographics),
        ];
        var score = (int)Math.Round(100.0 * items.Count(i => i.Done) / items.Length);
        return new ProfileCompleteness(score, items);
    }
}
