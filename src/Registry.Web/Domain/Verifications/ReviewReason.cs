namespace Registry.Web.Domain.Verifications;

/// <summary>
/// A reason registry staff give for not accepting a document, from a list they manage, in
/// English and Spanish: the person reads it in their language.
/// </summary>
public sealed class ReviewReason
{
    public const int MaxTextLength = 300;

    private ReviewReason()
    {
        TextEn = string.Empty;
        TextEs = string.Empty;
    }

    public ReviewReason(string textEn, string textEs)
        : this()
    {
        TextEn = textEn.Trim();
        TextEs = textEs.Trim();
        Active = true;
    }

    public int Id { get; private set; }

    public string TextEn { get; private set; }

    public string TextEs { get; private set; }

    /// <summary>Retired reasons stay for the decisions that used them but are no longer offered.</summary>
    public bool Active { get; private set; }

    public void Retire() => Active = false;

    public string In(string language) => language.StartsWith("es", StringComparison.OrdinalIgnoreCase) ? TextEs : TextEn;
}
