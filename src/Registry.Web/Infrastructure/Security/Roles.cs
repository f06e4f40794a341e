using System.Security.Claims;

namespace Registry.Web.Infrastructure.Security;

/// <summary>The registry-wide roles (Identity roles); everyone else acts through scoped grants.</summary>
public static class Roles
{
    public const string RegistryStaff = nameof(RegistryStaff);
    public const string Administrator = nameof(Administrator);

    /// <summary>A state analyst: every snapshot and finer cuts of the workforce data, the extract, the data quality dashboard.</summary>
    public const string Analyst = nameof(Analyst);

    public static readonly IReadOnlyList<string> All = [RegistryStaff, Administrator, Analyst];

    /// <summary>Registry staff, or an administrator (who can do all staff can).</summary>
    public static bool IsRegistryStaff(this ClaimsPrincipal user) => user.IsInRole(RegistryStaff) || user.IsInRole(Administrator);
}
