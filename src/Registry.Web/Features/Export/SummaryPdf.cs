using System.Globalization;
using Microsoft.Extensions.Localization;
using Registry.Web.Domain.Professionals;
using Registry.Web.Domain.Rules;
using Registry.Web.Domain.Verifications;
using Registry.Web.Infrastructure.Localization;
using Registry.Web.Infrastructure.Rules;
using Registry.Web.Infrastructure.Web;

namespace Registry.Web.Features.Export;

/// <summary>
/// A one-document summary of a person's record, as a PDF in their preferred language: name and
/// registry ID, a QR code to their verification page, education with unit totals, permits with
/// expiry and status, training hours by year, employment confirmed by employers and what they
/// qualify for as of the day. Its own download and summary.pdf in the record's ZIP.
/// </summary>
public static class SummaryPdf
{
    public sealed class Handler(ExportRecord.RecordReader reader, Renderer renderer)
    {
        public async Task<(string FileName, byte[] Pdf)?> HandleAsync(int professionalId, CancellationToken ct) =>
            await reader.ReadAsync(professionalId, signTranscript: false, ct) is { } read
                ? ($"registry-summary-{read.Record.Professional.RegistryId}.pdf", await renderer.RenderAsync(professionalId, read, ct))
                : null;
    }

    public sealed class Renderer(RuleResults.Handler rules, QualificationText text, IStringLocalizer<SharedResource> t, PublicAddress site)
    {
        public async Task<byte[]> RenderAsync(int professionalId, ExportRecord.ReadRecord read, CancellationToken ct)
        {
            var evaluation = await rules.EvaluateAsync(professionalId, null, ct);
            var culture = CultureOf(read.Record.Professional.PreferredLanguage);

            // The person's language, not the request's: the localizer and every date and number read the current culture.
            var (culture0, uiCulture0) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
            try
            {
                CultureInfo.CurrentCulture = culture;
                CultureInfo.CurrentUICulture = culture;
                return Draw(read, evaluation, rules.Today, culture);
            }
            finally
            {
                CultureInfo.CurrentCulture = culture0;
                CultureInfo.CurrentUICulture = uiCulture0;
            }
        }

        /// <summary>The culture of a preferred language ("en", "es", "zh-Hant"); English when it is empty or not one the registry writes in.</summary>
        public static CultureInfo CultureOf(string? language) => Languages.CultureFor(language?.Trim());

        private byte[] Draw(ExportRecord.ReadRecord read, Evaluation evaluation, DateOnly today, CultureInfo culture)
        {
            var r = read.Record;
            var person = r.Professional;
            string N(decimal value) => value.ToString("0.##", culture);
            string D(DateOnly day) => day.ToString("d", culture);
            string Status(ExportRecord.VerificationDto v) => t["Status" + v.Status];
            var name = string.Join(' ', new[] { person.FirstName, person.MiddleName, person.LastName }.Where(s => !string.IsNullOrWhiteSpace(s)));
            var registryId = RegistryId.Format(person.RegistryId);
            var verifyUrl = site.Link("/verify/" + Uri.EscapeDataString(person.RegistryId));

            using var pdf = new SummaryPdfWriter(t["Registry record summary"] + " · " + name, culture.Name);
            pdf.Heading(1, t["Registry record summary"]);
            pdf.Paragraph(name, bold: true, size: 14);
            pdf.Paragraph(t["Registry ID: {0}", registryId]);
            pdf.Paragraph(t["Made on {0}", D(today)]);
            pdf.QrCode(verifyUrl, t["QR code that opens {0}", verifyUrl],
                t["Scan the code or open this address to check the verified parts of this record (when you have made your verification page public):"]);

            pdf.Heading(2, t["Education"]);
            pdf.Heading(3, t["Degrees"]);
            if (r.Degrees.Count == 0)
            {
                pdf.Paragraph(t["No degrees yet."]);
            }

            foreach (var d in r.Degrees)
            {
                pdf.Paragraph($"{t["Degree" + d.Level]}: {d.Major} · {d.Institution}" + (d.ConferredOn is { } on ? $" · {D(on)}" : string.Empty) + $" · {t["Status"]}: {Status(d.Verification)}");
            }

            pdf.Heading(3, t["Courses"]);
            if (r.Courses.Count == 0)
            {
                pdf.Paragraph(t["No courses yet."]);
            }

            foreach (var c in r.Courses)
            {
                var line = $"{c.Title} · {c.Institution} · {t["{0} semester units", N(c.SemesterUnits)]} · {t["Grade"]}: {c.Grade ?? "—"} · {t["Category" + c.Category]} · {t["Status"]}: {Status(c.Verification)}";
                pdf.Paragraph(c.NotCountedBecause is { } reason ? $"{line} · {t["Not counted: " + reason]}" : line);
            }

            pdf.Heading(3, t["Your units"]);
            pdf.Paragraph(t["In semester units (quarter units count two thirds), counting courses passed with a C or better."]);
            pdf.Paragraph($"{t["ECE / child development"]}: {N(r.UnitTotals.Ece)}");
            pdf.Paragraph($"{t["General education"]}: {N(r.UnitTotals.GeneralEducation)}");
            pdf.Paragraph($"{t["Total units counted"]}: {N(read.TotalUnits)}", bold: true);

            pdf.Heading(2, t["Permits and credentials"]);
            if (r.Credentials.Count == 0)
            {
                pdf.Paragraph(t["No permits or credentials yet."]);
            }

            foreach (var c in r.Credentials)
            {
                var credential = c.Type == nameof(Domain.Credentials.CredentialType.Other) && c.Description is not null ? c.Description : t["Credential" + c.Type].Value;
                var parts = new List<string> { credential };
                if (c.Number is not null)
                {
                    parts.Add($"{t["Number"]}: {c.Number}");
                }

                parts.Add(t["Issued {0}", D(c.IssuedOn)]);
                if (c.ExpiresOn is { } expires)
                {
                    parts.Add(t["Expires {0}", D(expires)]);
                }

                parts.Add($"{t["Status"]}: {Status(c.Verification)}");
                pdf.Paragraph(string.Join(" · ", parts));
            }

            pdf.Heading(2, t["Training hours by year"]);
            var years = r.Training.GroupBy(x => x.AttendedOn.Year).OrderByDescending(g => g.Key).ToList();
            if (years.Count == 0)
            {
                pdf.Paragraph(t["No training yet."]);
            }

            foreach (var year in years)
            {
                pdf.Paragraph(t["{0}: {1} hours", year.Key.ToString(culture), N(year.Sum(x => x.ClockHours))]);
            }

            pdf.Heading(2, t["Employment confirmed by employers"]);
            var confirmed = r.Employment.Where(e => e.Verification.Status == VerificationStatus.Verified || e.ConfirmedByEmployerAt is not null).ToList();
            if (confirmed.Count == 0)
            {
                pdf.Paragraph(t["No employment confirmed yet."]);
            }

            foreach (var e in confirmed)
            {
                var role = e.Role == nameof(Domain.Employments.EmploymentRole.Other) && e.RoleDescription is not null ? e.RoleDescription : t["Role" + e.Role].Value;
                var dates = e.EndDate is { } end ? t["{0} to {1}", D(e.StartDate), D(end)] : t["since {0}", D(e.StartDate)];
                pdf.Paragraph($"{e.EmployerName} · {role} · {dates}");
            }

            pdf.Heading(2, t["What you qualify for as of {0}", D(evaluation.AsOf)]);
            var anyMet = false;
            foreach (var (group, heading) in new[]
            {
                (RuleGroup.Permit, t["Child Development Permits"].Value), (RuleGroup.QualityCounts, t["Quality Counts California points"].Value),
                (RuleGroup.Title22, t["Title 22 (child care center licensing)"].Value), (RuleGroup.Stipend, t["Stipends"].Value),
            })
            {
                var met = evaluation.Results.Where(x => x.Met && x.Rule.Group == group)
                    .OrderBy(x => x.Rule.Track, StringComparer.Ordinal).ThenBy(x => x.Rule.Level).ToList();
                if (met.Count == 0)
                {
                    continue;
                }

                anyMet = true;
                pdf.Heading(3, heading);
                foreach (var result in met)
                {
                    var ruleName = text.Name(result.Rule.Name);
                    pdf.Paragraph(result.RestsOnSelfReported ? $"{ruleName} ({t["rests on facts not yet verified"]})" : ruleName);
                }
            }

            if (!anyMet)
            {
                pdf.Paragraph(t["Nothing yet, by the rules in force on {0}.", D(evaluation.AsOf)]);
            }

            return pdf.Save();
        }
    }
}
