using System.Collections.Frozen;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Registry.Web.Infrastructure.Security;

/// <summary>
/// Refuses the passwords attackers try first: the 30,000 commonest (common-passwords.txt), in
/// any letter case, and any of them with only digits or symbols added ("Dragon2024!").
/// </summary>
public sealed class CommonPasswordValidator(IStringLocalizer<SharedResource> t) : IPasswordValidator<RegistryUser>
{
    private static readonly Lazy<FrozenSet<string>> Common = new(Load);

    public static int Count => Common.Value.Count;

    public static bool IsCommon(string password)
    {
        var lower = password.ToLowerInvariant();
        if (Common.Value.Contains(lower))
        {
            return true;
        }

        var core = lower.TrimEnd("0123456789!@#$%^&*()-_=+.?,;:~".ToCharArray()).TrimStart("0123456789!@#$%^&*()-_=+.?,;:~".ToCharArray());
        return core.Length >= 4 && core.Length < lower.Length && Common.Value.Contains(core);
    }

    public Task<IdentityResult> ValidateAsync(UserManager<RegistryUser> manager, RegistryUser user, string? password) =>
        Task.FromResult(password is not null && IsCommon(password)
            ? IdentityResult.Failed(new IdentityError
            {
                Code = "CommonPassword",
                Description = t["This password is one of the most common: choose one that is harder to guess."],
            })
            : IdentityResult.Success);

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("Registry.CommonPasswords")
            ?? throw new InvalidOperationException("The common password list is not embedded.");
        using var reader = new StreamReader(stream);
        var words = new List<string>(30_000);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                words.Add(line);
            }
        }

        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}
