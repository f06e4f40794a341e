using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain.Accounts;

namespace Registry.Web.Features.SignUp;

/// <summary>Finds, saves and discards the sign-up draft named by the browser's cookie.</summary>
public sealed class SignUpDraftStore(RegistryDbContext db, TimeProvider time, IHttpContextAccessor http)
{
    public const string CookieName = "Registry.SignUp";

    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    public async Task<SignUpAnswers> LoadAsync(CancellationToken ct) =>
        await FindAsync(ct) is { } draft ? Deserialize(draft.Data) : new SignUpAnswers();

    public async Task SaveAsync(SignUpAnswers answers, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var draft = await FindAsync(ct);
        if (draft is null)
        {
            draft = new SignUpDraft(Guid.NewGuid(), now);
            db.SignUpDrafts.Add(draft);

            // Old drafts nobody came back for go whenever a new one starts.
            await db.SignUpDrafts.Where(d => d.ExpiresAt < now).ExecuteDeleteAsync(ct);
        }

        draft.Save(JsonSerializer.Serialize(answers, Json), now);
        await db.SaveChangesAsync(ct);
        Context.Response.Cookies.Append(CookieName, draft.Id.ToString("N"), new CookieOptions
        {
            HttpOnly = true,
            Secure = Context.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
            Expires = draft.ExpiresAt,
        });
    }

    /// <summary>Marks the draft for deletion with the caller's next save (the profile's own transaction).</summary>
    public async Task DiscardAsync(CancellationToken ct)
    {
        if (await FindAsync(ct) is { } draft)
        {
            db.SignUpDrafts.Remove(draft);
        }

        Context.Response.Cookies.Delete(CookieName);
    }

    private HttpContext Context => http.HttpContext ?? throw new InvalidOperationException("No request.");

    private async Task<SignUpDraft?> FindAsync(CancellationToken ct)
    {
        if (!Guid.TryParseExact(Context.Request.Cookies[CookieName], "N", out var id))
        {
            return null;
        }

        var now = time.GetUtcNow();
        return await db.SignUpDrafts.SingleOrDefaultAsync(d => d.Id == id && d.ExpiresAt > now, ct);
    }

    private static SignUpAnswers Deserialize(string data)
    {
        try
        {
            return JsonSerializer.Deserialize<SignUpAnswers>(data, Json) ?? new SignUpAnswers();
        }
        catch (JsonException)
        {
            return new SignUpAnswers();
        }
    }
}
