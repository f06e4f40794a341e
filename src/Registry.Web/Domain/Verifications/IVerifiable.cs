namespace Registry.Web.Domain.Verifications;

/// <summary>A fact a person reports about themselves, which registry staff may verify.</summary>
public interface IVerifiable
{
    Verification Verification { get; }
}
