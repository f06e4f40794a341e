namespace Registry.Web.Infrastructure.Security;

/// <summary>The password rules, in one place for Identity and the forms: long, and not common.</summary>
public static class RegistryPasswords
{
    /// <summary>OWASP ASVS 2.1.1: at least 12 characters (no rules about which characters).</summary>
    public const int MinimumLength = 12;

    /// <summary>PBKDF2-HMAC-SHA512 rounds (OWASP's figure for SHA-512; Identity's default is 100,000). Older hashes are redone at the next sign-in.</summary>
    public const int HashIterations = 210_000;
}
