using Registry.Web.Domain.Professionals;

namespace Registry.UnitTests.Domain;

public sealed class ProfileCompletenessTests
{
    [Fact]
    public void An_empty_profile_scores_zero_and_lists_everything()
    {
        var completeness = ProfileCompleteness.Compute(new ProfileFacts(false, false, false, false, false, false, false));

        Assert.Equal(0, completeness.Score);
        Assert.Equal(7, completeness.Missing.Count());
        Assert.Equal("current-employer", completeness.Missing.First().Key);
    }

    [Fact]
    public void A_fresh_sign_up_with_a_job_and_an_education_level_is_partly_complete()
    {
        var completeness = ProfileCompleteness.Compute(new ProfileFacts(false, true, true, false, false, false, false));

        Assert.Equal(29, completeness.Score);
        Assert.Equal(["county", "courses", "permit", "training", "about-you"], completeness.Missing.Select(i => i.Key));
    }

    [Fact]
    public void Everything_present_is_complete() =>
        Assert.Equal(100, ProfileCompleteness.Compute(new ProfileFacts(true, true, true, true, true, true, true)).Score);
}
