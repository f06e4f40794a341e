using Microsoft.AspNetCore.Identity;

namespace Registry.Web.Infrastructure.Security;

/// <summary>An account that signs in. A professional's record links to one; staff accounts may have none.</summary>
public sealed class RegistryUser : IdentityUser
{
}
