namespace Registry.Web.Domain.Verifications;

/// <summary>Where a fact a person reported stands with registry staff.</summary>
public enum VerificationStatus
{
    SelfReported = 0,
    PendingReview = 1,
    Verified = 2,
    NotAccepted = 3,
}
