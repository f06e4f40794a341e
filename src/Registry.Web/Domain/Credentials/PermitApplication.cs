namespace Registry.Web.Domain.Credentials;

/// <summary>
/// A Child Development Permit the person has applied for and not yet received. Stipend programs
/// (California's AB 212) accept a permit "held or applied for"; it is what the person says, never
/// counted as a permit held. Removed by the person once the permit arrives.
/// </summary>
public sealed class PermitApplication
{
    private PermitApplication()
    {
    }

    public PermitApplication(CredentialType type, DateOnly appliedOn)
    {
        if (!Credential.IsChildDevelopmentPermit(type))
        {
            throw new ArgumentOutOfRangeException(nameof(type), "Applications are recorded for Child Development Permits.");
        }

        Type = type;
        AppliedOn = appliedOn;
    }

    public int Id { get; private set; }

    public int ProfessionalId { get; private set; }

    public CredentialType Type { get; private set; }

    /// <summary>The day the application reached the Commission on Teacher Credentialing.</summary>
    public DateOnly AppliedOn { get; private set; }

    public Guid ConcurrencyStamp { get; private set; } = Guid.NewGuid();
}
