using System.Text;

namespace Registry.Web.Infrastructure.Web;

/// <summary>
/// A NUL character in a form field (pasted from another program; no keyboard types it) cannot be
/// stored (PostgreSQL refuses it in text), and the framework's form reader refuses the whole post
/// with a bare 400 that says nothing. It is taken out of a URL-encoded form's body before anything
/// reads the form, so the post is validated and saved like any other (decision 0034).
/// </summary>
public static class FormNulCharacters
{
    public static IApplicationBuilder UseFormNulCharactersRemoved(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (HttpMethods.IsPost(request.Method) && request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            request.EnableBuffering();
            using var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            if (body.Contains("%00", StringComparison.Ordinal) || body.Contains('\0', StringComparison.Ordinal))
            {
                var cleaned = Encoding.UTF8.GetBytes(body.Replace("%00", string.Empty, StringComparison.Ordinal).Replace("\0", string.Empty, StringComparison.Ordinal));
                request.Body = new MemoryStream(cleaned);
                request.ContentLength = cleaned.Length;
            }
            else
            {
                request.Body.Position = 0;
            }
        }

        await next(context);
    });
}
