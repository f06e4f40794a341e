using System.Security.Claims;

namespace Registry.Web.Infrastructure.Security;

/// <summary>The signed-in account's id, as Identity writes it into the cookie (the name identifier claim).</summary>
public static class SignedInUser
{
    /// <summary>The account's id; only for actions that require sign-in (throws when the principal has none).</summary>
    public static string UserId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Signed in without a user id.");
}
