using System.Globalization;
using System.Text;
using Microsoft.Extensions.Localization;
using Registry.Web.Infrastructure.Web;

namespace Registry.Web.Features.Calendar;

/// <summary>A calendar search's events as an iCalendar file (RFC 5545, one entry per session), to subscribe to in a calendar app.</summary>
public sealed class CalendarFeed(TrainingCalendar.Handler calendar, TimeProvider time, IStringLocalizer<SharedResource> t, PublicAddress site)
{
    /// <summary>The file's bytes (UTF-8).</summary>
    public async Task<byte[]> IcsAsync(TrainingCalendar.Criteria search, CancellationToken ct)
    {
        var events = await calendar.FeedAsync(search, ct);
        var zone = time.LocalTimeZone;
        var stamp = time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var ics = new StringBuilder();
        void Line(string text)
        {
            // RFC 5545: lines of at most 75 octets, continued with a space.
            var bytes = Encoding.UTF8.GetBytes(text);
            var start = 0;
            var first = true;
            while (start < bytes.Length)
            {
                var length = Math.Min(first ? 75 : 74, bytes.Length - start);
                while (start + length < bytes.Length && (bytes[start + length] & 0xC0) == 0x80)
                {
                    length--;
                }

                ics.Append(first ? string.Empty : " ").Append(Encoding.UTF8.GetString(bytes, start, length)).Append("\r\n");
                start += length;
                first = false;
            }
        }

        string Utc(DateOnly day, TimeOnly at) =>
            TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(at, DateTimeKind.Unspecified), zone).ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

        Line("BEGIN:VCALENDAR");
        Line("VERSION:2.0");
        Line("PRODID:-//Registry//Training calendar//EN");
        Line("CALSCALE:GREGORIAN");
        Line("X-WR-CALNAME:" + Escape(t["Registry training calendar"]));
        foreach (var (e, sessions, address) in events)
        {
            // The configured public address, not the request's Host: the file is kept and shared off the site.
            var url = site.LinkToAction(nameof(CalendarController.Event), "Calendar", new { eventId = e.Id });
            foreach (var s in sessions)
            {
                Line("BEGIN:VEVENT");
                Line($"UID:registry-session-{s.Id}@{site.Host}");
                Line("DTSTAMP:" + stamp);
                Line("DTSTART:" + Utc(s.Day, s.Starts));
                Line("DTEND:" + Utc(s.Day, s.Ends));
                Line("SUMMARY:" + Escape(e.Title));
                Line("DESCRIPTION:" + Escape($"{e.Sponsor} · {t["{0} hours", e.ClockHours.ToString("0.##", CultureInfo.CurrentCulture)]} · {url}"));
                Line("LOCATION:" + Escape(e.IsOnline ? t["Online"] : string.Join(", ", new[] { address, e.City, e.County }.Where(x => !string.IsNullOrEmpty(x)))));
                Line("URL:" + url);
                Line("END:VEVENT");
            }
        }

        Line("END:VCALENDAR");
        return Encoding.UTF8.GetBytes(ics.ToString());
    }

    /// <summary>Text for an iCalendar value: backslash, semicolon, comma and line breaks escaped.</summary>
    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal).Replace(",", "\\,", StringComparison.Ordinal)
            .Replace("\r\n", "\\n", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
