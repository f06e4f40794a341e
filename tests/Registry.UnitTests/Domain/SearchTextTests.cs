using Registry.Web.Domain;

namespace Registry.UnitTests.Domain;

public sealed class SearchTextTests
{
    [Theory]
    [InlineData("GARCIA, MARIA", "garcia maria")]
    [InlineData("García,  María", "garcia maria")]
    [InlineData("Ho, Nancy", "ho nancy")]
    [InlineData("MONTESSORI CHILDREN'S HOUSE OF THE WEST COAST", "montessori childrens house of the west coast")]
    [InlineData("THOMAS, MARY E. & WATSON, JOSEPH SR.", "thomas mary e watson joseph sr")]
    [InlineData("SFUSD-SARAH B. COOPER EARLY EDUCATION SCHOOL,PS", "sfusd sarah b cooper early education school ps")]
    [InlineData("Niños Felices (PS)", "ninos felices ps")]
    [InlineData("O’Brien", "obrien")]
    [InlineData("  ", "")]
    [InlineData(null, "")]
    public void Ignores_case_accents_and_punctuation(string? input, string expected) =>
        Assert.Equal(expected, SearchText.Normalize(input));

    [Fact]
    public void Words_are_distinct_and_cut_to_the_indexed_length()
    {
        var longWord = new string('a', SearchText.MaxWordLength + 5);
        var words = SearchText.Words($"Nopa Montessori, NOPA {longWord}");

        Assert.Equal(["nopa", "montessori", new string('a', SearchText.MaxWordLength)], words);
    }
}
