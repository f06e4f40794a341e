using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Registry.Web.Domain.Messages;

namespace Registry.Web.Infrastructure.Email;

/// <summary>
/// One-click unsubscribe tokens: the account and the kind, protected with the Data Protection
/// keys (shared by every instance). They do not expire: a link in a year-old email still works.
/// </summary>
public sealed class UnsubscribeLinks(IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Registry.Unsubscribe.v1");

    /// <summary>A token for one account and kind; an announcement's names it too, for its record of unsubscribes.</summary>
    public string Token(string userId, MessageKind kind, int? announcementId = null) =>
        _protector.Protect(announcementId is { } id ? $"{(int)kind}|{userId}|{id}" : $"{(int)kind}|{userId}");

    /// <summary>The account and kind a token names (and the announcement it came in), or null when it was changed or made up.</summary>
    public (string UserId, MessageKind Kind, int? AnnouncementId)? Read(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            var parts = _protector.Unprotect(token).Split('|');
            if (parts.Length is < 2 or > 3 || !int.TryParse(parts[0], out var kind) || !MessageKinds.Optional.Contains((MessageKind)kind))
            {
                return null;
            }

            int? announcement = parts.Length == 3 && int.TryParse(parts[2], out var id) ? id : null;
            return (parts[1], (MessageKind)kind, announcement);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
