using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Registry.Web.Data;

namespace Registry.Web.Infrastructure.Security;

/// <summary>
/// A handler that checks an operation on a resource against the database. The context is taken from
/// the request's services when a resource is checked, not in the constructor: the authorization
/// middleware builds every handler on every request, public pages included (decision 0049).
/// </summary>
public abstract class ResourceAuthorizationHandler<TResource>(IServiceProvider services)
    : AuthorizationHandler<OperationAuthorizationRequirement, TResource>
{
    protected RegistryDbContext Database => services.GetRequiredService<RegistryDbContext>();
}
