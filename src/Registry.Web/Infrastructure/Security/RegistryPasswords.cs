namespace Registry.Web.Infrastructure.Security;

/// <summary>The password rules, in one place for Identity and the forms: long, and not common.</summary>
public static class RegistryPasswords
{
    public const int MinimumLength = 10;
}
