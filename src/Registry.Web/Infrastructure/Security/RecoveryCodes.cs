namespace Registry.Web.Infrastructure.Security;

/// <summary>How recovery codes are shown and typed.</summary>
public static class RecoveryCodes
{
    public const int Count = 10;

    /// <summary>The most a person may type where a code from the authenticator app or a recovery code is asked for.</summary>
    public const int MaxTypedLength = 40;

    /// <summary>As typed: spaces out, upper case (the codes are shown in upper case).</summary>
    public static string Normalize(string code) => code.Replace(" ", string.Empty, StringComparison.Ordinal).Trim().ToUpperInvariant();
}
