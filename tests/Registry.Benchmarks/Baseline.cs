using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Registry.Benchmarks;

/// <summary>
/// The bare metal the load benchmark compares the app with: Kestrel and ADO.NET on the same
/// database file, doing the same look-ups with hand-written SQL and writing a little HTML, with
/// nothing else (no MVC, no views, no sign-in, no antiforgery, no localization, no headers).
/// <list type="bullet">
/// <item><c>/employers?q=N</c>: the site with that license number (the app's look-up by number).</item>
/// <item><c>/my-registry?user=ID&amp;session=ID</c>: what My Registry reads for the page (the session check, the person, their jobs with their sites, degrees, courses, training, permits, recent changes, notices, a refused address).</item>
/// <item><c>/page?name=X</c>: the bytes of an app page fetched once (home, calendar, reports): what a cached page can at best cost.</item>
/// </list>
/// Started in the benchmark's own process, beside the app's, on a loopback port.
/// </summary>
internal sealed class Baseline : IAsyncDisposable
{
    private readonly WebApplication _app;

    private Baseline(WebApplication app, string address)
    {
        _app = app;
        Address = address;
    }

    public string Address { get; }

    /// <summary>Pages served as fixed bytes, by name.</summary>
    public Dictionary<string, byte[]> Pages { get; } = new(StringComparer.Ordinal);

    public static async Task<Baseline> StartAsync(string database)
    {
        int port;
        using (var free = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
        {
            free.Start();
            port = ((IPEndPoint)free.LocalEndpoint).Port;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var baseline = new Baseline(app, $"http://127.0.0.1:{port}");
        var connection = $"Data Source={database};Mode=ReadOnly;Cache=Private";
        app.MapGet("/employers", (HttpContext context) => LookUpAsync(context, connection));
        app.MapGet("/my-registry", (HttpContext context) => RecordAsync(context, connection));
        app.MapGet("/page", (HttpContext context) =>
            baseline.Pages.TryGetValue(context.Request.Query["name"].ToString(), out var bytes)
                ? Write(context, bytes)
                : Task.CompletedTask);
        await app.StartAsync();
        return baseline;
    }

    private static Task Write(HttpContext context, byte[] bytes)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.ContentLength = bytes.Length;
        return context.Response.Body.WriteAsync(bytes).AsTask();
    }

    private static async Task LookUpAsync(HttpContext context, string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id, LicenseNumber, Name, FacilityType, Address, City, Zip, Status, NoLongerListedAt IS NOT NULL FROM Employers WHERE LicenseNumber = $number";
        command.Parameters.AddWithValue("$number", context.Request.Query["q"].ToString());
        var html = new StringBuilder("<!DOCTYPE html><html><body><ul>");
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                html.Append("<li><a href=\"/employers/").Append(reader.GetInt32(0).ToString(CultureInfo.InvariantCulture)).Append("\">")
                    .Append(HtmlEncoder.Default.Encode(reader.GetString(2))).Append("</a> ").Append(reader.GetString(1)).Append(' ')
                    .Append(HtmlEncoder.Default.Encode(reader.IsDBNull(5) ? string.Empty : reader.GetString(5))).Append("</li>");
            }
        }

        html.Append("</ul></body></html>");
        await context.Response.WriteAsync(html.ToString());
    }

    /// <summary>
    /// What My Registry reads for the page, in hand-written SQL: the session check every signed-in request
    /// makes (the session, the account's stamp), the person, their jobs with their sites, degrees,
    /// courses, training, permits (the completeness checklist and data-quality notes read these), the five
    /// newest changes, the notices they received (count, and the newest when there are any) and whether a
    /// mail server refused their address.
    /// </summary>
    private static async Task RecordAsync(HttpContext context, string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var user = context.Request.Query["user"].ToString();
        var html = new StringBuilder("<!DOCTYPE html><html><body>");
        await using (var session = connection.CreateCommand())
        {
            session.CommandText = """
                SELECT s.EndedAt, s.ExpiresAt, s.LastSeenAt, s.SecondFactor, u.SecurityStamp
                FROM AccountSessions s JOIN AspNetUsers u ON u.Id = s.UserId WHERE s.Id = $session AND s.UserId = $user
                """;
            session.Parameters.AddWithValue("$session", context.Request.Query["session"].ToString());
            session.Parameters.AddWithValue("$user", user);
            await using var reader = await session.ExecuteReaderAsync();
            if (!await reader.ReadAsync() || !reader.IsDBNull(0))
            {
                context.Response.StatusCode = 403;
                return;
            }
        }

        long id;
        await using (var person = connection.CreateCommand())
        {
            person.CommandText = """
                SELECT Id, RegistryId, FirstName, MiddleName, LastName, Email, Phone, DateOfBirth, HighestEducationLevel, ReportedEceUnits, County,
                       RaceEthnicityDeclined, Gender, PossibleDuplicateOfId, CreatedAt
                FROM Professionals p WHERE UserId = $user
                """;
            person.Parameters.AddWithValue("$user", user);
            await using var reader = await person.ExecuteReaderAsync();
            if (!await reader.ReadAsync())
            {
                context.Response.StatusCode = 404;
                return;
            }

            id = reader.GetInt64(0);
            html.Append("<h1>").Append(HtmlEncoder.Default.Encode(reader.GetString(2) + " " + reader.GetString(4))).Append("</h1><p>").Append(reader.GetString(1)).Append("</p>");
        }

        await AppendRowsAsync(connection, html, id, """
            SELECT COALESCE(s.Name, e.UnlistedEmployerName), s.LicenseNumber, e.Role, e.StartDate, e.EndDate, e.DaysPerWeek, e.HoursPerDay, e.VerificationStatus
            FROM Employments e LEFT JOIN Employers s ON s.Id = e.EmployerId WHERE e.ProfessionalId = $id ORDER BY e.EndDate IS NOT NULL, e.StartDate DESC
            """);
        await AppendRowsAsync(connection, html, id, "SELECT Level, Major, Institution, VerificationStatus, ConferredOn FROM Degrees WHERE ProfessionalId = $id");
        await AppendRowsAsync(connection, html, id, "SELECT Title, Units, UnitType, CompletedOn FROM Courses WHERE ProfessionalId = $id");
        await AppendRowsAsync(connection, html, id, "SELECT Title, AttendedOn, ClockHours FROM TrainingRecords WHERE ProfessionalId = $id");
        await AppendRowsAsync(connection, html, id, "SELECT Type, IssuedOn, ExpiresOn FROM Credentials WHERE ProfessionalId = $id");
        await AppendRowsAsync(connection, html, id, "SELECT At, Section, Field, OldValue, NewValue FROM RecordChanges WHERE ProfessionalId = $id ORDER BY At DESC, Id LIMIT 5");
        await AppendRowsAsync(connection, html, id, """
            SELECT COUNT(*) OVER (), r.Language, a.Id, a.SubjectEnglish, a.SubjectSpanish, a.QueuedAt FROM AnnouncementRecipients r JOIN Announcements a ON a.Id = r.AnnouncementId
            WHERE r.ProfessionalId = $id ORDER BY r.AnnouncementId DESC LIMIT 5
            """);
        await using (var refused = connection.CreateCommand())
        {
            refused.CommandText = "SELECT a.Reason FROM AspNetUsers u JOIN UndeliverableAddresses a ON a.Address = u.NormalizedEmail WHERE u.Id = $user";
            refused.Parameters.AddWithValue("$user", user);
            if (await refused.ExecuteScalarAsync() is string reason)
            {
                html.Append("<p>").Append(HtmlEncoder.Default.Encode(reason)).Append("</p>");
            }
        }

        html.Append("</body></html>");
        await context.Response.WriteAsync(html.ToString());
    }

    private static async Task AppendRowsAsync(SqliteConnection connection, StringBuilder html, long id, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync();
        html.Append("<table>");
        while (await reader.ReadAsync())
        {
            html.Append("<tr>");
            for (var i = 0; i < reader.FieldCount; i++)
            {
                html.Append("<td>").Append(HtmlEncoder.Default.Encode(reader.IsDBNull(i) ? string.Empty : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)!)).Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</table>");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
