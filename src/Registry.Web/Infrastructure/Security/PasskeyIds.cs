using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Registry.Web.Infrastructure.Security;

/// <summary>A passkey's credential id as pages and the browser's ceremony JSON name it (Base64Url).</summary>
public static class PasskeyIds
{
    /// <summary>The most JSON a browser's ceremony answer may carry.</summary>
    public const int MaxCredentialLength = 64 * 1024;

    /// <summary>The id's bytes, or null when it is not Base64Url (or absurdly long).</summary>
    public static byte[]? Decode(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 2048)
        {
            return null;
        }

        try
        {
            return WebEncoders.Base64UrlDecode(id);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The credential id a ceremony's JSON names ("id", Base64Url), or null when it names none.</summary>
    public static byte[]? Of(string credentialJson)
    {
        try
        {
            using var json = JsonDocument.Parse(credentialJson);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                ? Decode(id.GetString())
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
