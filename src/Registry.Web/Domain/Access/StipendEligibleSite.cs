namespace Registry.Web.Domain.Access;

/// <summary>
/// A site on a stipend program's list of eligible sites (for California's AB 212, a site with a
/// state child development contract, or as the county's plan defines it). The program is a
/// stipend rule's id; its administrators for the site's county keep the list.
/// </summary>
public sealed class StipendEligibleSite
{
    private StipendEligibleSite()
    {
        Program = string.Empty;
        AddedByUserId = string.Empty;
    }

    public StipendEligibleSite(string program, int employerId, string addedByUserId, DateTimeOffset addedAt)
    {
        Program = program;
        EmployerId = employerId;
        AddedByUserId = addedByUserId;
        AddedAt = addedAt;
    }

    public int Id { get; private set; }

    public string Program { get; private set; }

    public int EmployerId { get; private set; }

    public string AddedByUserId { get; private set; }

    public DateTimeOffset AddedAt { get; private set; }
}
