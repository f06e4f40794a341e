namespace Registry.Web.Domain.Verifications;

/// <summary>
/// Nobody decides their own case: a fact about a person (a job's confirmation, a course or permit
/// verified), a request for access or a sponsor application is decided by someone else. The same
/// rule for directors and registry staff; whoever it refuses sees who decides instead.
/// </summary>
public static class SeparationOfDuties
{
    /// <summary>Whether <paramref name="deciderUserId"/> may decide something belonging to <paramref name="subjectUserId"/> (null: nobody's account).</summary>
    public static bool MayDecide(string deciderUserId, string? subjectUserId) =>
        !string.IsNullOrEmpty(deciderUserId) && !string.Equals(deciderUserId, subjectUserId, StringComparison.Ordinal);
}
