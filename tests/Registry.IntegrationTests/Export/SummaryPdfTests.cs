using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.Education;
using Registry.Web.Domain.Employments;
using Registry.Web.Domain.Professionals;
using Registry.Web.Domain.Training;
using Registry.Web.Domain.Verifications;
using UglyToad.PdfPig;

namespace Registry.IntegrationTests.Export;

/// <summary>The PDF summary of a person's record, downloaded through the link on My Registry, read back with PdfPig and rendered with pdftoppm.</summary>
public sealed class SummaryPdfTests : IClassFixture<RegistryAppFactory>
{
    private static readonly DateOnly PermitExpires = new(2029, 7, 1);
    private readonly RegistryAppFactory _app;

    public SummaryPdfTests(RegistryAppFactory app) => _app = app;

    [Fact]
    public async Task The_summary_pdf_holds_each_fact_of_the_record_and_nobody_elses()
    {
        var me = await PersonAsync("en", "Sunny Days Preschool", "Hidden Hills Daycare", "Laney College");
        var other = await PersonAsync("en", "Golden Gate Kids", "Bayview Tots", "Skyline College");

        var (pdf, response) = await DownloadThroughTheLinkAsync(me.Client);

        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"registry-summary-{me.RegistryId}.pdf", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.True(response.Headers.CacheControl?.NoStore, "The PDF must not be stored by caches.");
        var text = Text(pdf);
        foreach (var fact in new[]
        {
            "Rosa Ortiz", RegistryId.Format(me.RegistryId),
            "Associate", "Early Childhood Education", "Laney College",
            "Child Growth and Development", "ECE / child development: 6", "General education: 3", "Total units counted: 9",
            "Child Development Permit: Teacher", "240012345", "Expires " + PermitExpires.ToString("d", CultureInfo.GetCultureInfo("en")),
            "2024: 10.5 hours", "2025: 8 hours",
            "Sunny Days Preschool",
            $"{RegistryAppFactory.PublicUrl}/verify/{me.RegistryId}",
            "Child Development Permits", "Assistant Permit",
            "Made on " + TestClock.Today.ToString("d", CultureInfo.GetCultureInfo("en")),
        })
        {
            Assert.Contains(fact, text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Hidden Hills Daycare", text, StringComparison.Ordinal);
        foreach (var theirs in new[] { RegistryId.Format(other.RegistryId), other.RegistryId, "Golden Gate Kids", "Bayview Tots", "Skyline College" })
        {
            Assert.DoesNotContain(theirs, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_spanish_speaker_gets_the_summary_in_spanish()
    {
        var me = await PersonAsync("es", "Sunny Days Preschool", "Hidden Hills Daycare", "Laney College");

        var text = Text((await DownloadThroughTheLinkAsync(me.Client)).Pdf);

        foreach (var spanish in new[]
        {
            "Resumen del expediente en Registry", "Educación", "Permisos y credenciales", "Horas de capacitación por año", "Empleo confirmado por los empleadores",
            "2024: 10,5 horas", "Vence el " + PermitExpires.ToString("d", CultureInfo.GetCultureInfo("es")),
        })
        {
            Assert.Contains(spanish, text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Training hours by year", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chinese_speaker_gets_the_summary_in_chinese_with_chinese_dates()
    {
        var me = await PersonAsync("zh-Hant", "Sunny Days Preschool", "Hidden Hills Daycare", "Laney College");

        var text = Text((await DownloadThroughTheLinkAsync(me.Client)).Pdf);

        foreach (var chinese in new[]
        {
            "Registry 記錄摘要", "教育背景", "許可證及證書", "每年培訓時數", "經僱主確認的工作經歷",
            "2024：10.5 小時", PermitExpires.ToString("d", CultureInfo.GetCultureInfo("zh-Hant")) + " 到期",
        })
        {
            Assert.Contains(chinese, text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Training hours by year", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_zip_export_holds_the_same_summary_pdf()
    {
        var me = await PersonAsync("en", "Sunny Days Preschool", "Hidden Hills Daycare", "Laney College");
        var alone = Text((await DownloadThroughTheLinkAsync(me.Client)).Pdf);

        using var response = await me.Client.GetAsync(new Uri("/my-registry/export", UriKind.Relative));
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync());
        using var entry = new MemoryStream();
        await zip.GetEntry("summary.pdf")!.Open().CopyToAsync(entry);

        Assert.Equal(alone, Text(entry.ToArray()));
        using var readme = new StreamReader(zip.GetEntry("README.txt")!.Open());
        Assert.Contains("summary.pdf", await readme.ReadToEndAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nobody_signed_out_gets_a_pdf()
    {
        using var response = await _app.CreateBrowserLikeClient().GetAsync(new Uri("/my-registry/export/summary.pdf", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.NotEqual("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("%PDF", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>Text in a PDF can be there and still draw nothing (a missing font draws boxes or blanks): the page is rendered and must have ink, in English and in Chinese.</summary>
    [PdftoppmFact]
    public async Task The_summary_renders_with_ink_in_english_and_in_chinese()
    {
        Assert.True(File.Exists(PdftoppmFactAttribute.Path), "pdftoppm is missing: install Debian's poppler-utils (apt-get install -y poppler-utils); CI installs it in .ci/run.");
        var english = await PersonAsync("en", "Sunny Days Preschool", "Hidden Hills Daycare", "Laney College");
        var chinese = await PersonAsync("zh-Hant", "陽光幼兒園", "隱山托兒所", "國立臺北教育大學");

        foreach (var (person, name) in new[] { (english, "english"), (chinese, "chinese") })
        {
            var pdf = (await DownloadThroughTheLinkAsync(person.Client)).Pdf;
            Keep(pdf, name);
            var (width, height, gray) = await RenderFirstPageAsync(pdf);
            var dark = gray.Count(g => g < 128);

            Assert.True(width > 100 && height > 100, $"The {name} page rendered as {width}x{height}.");
            Assert.True(dark > gray.Length / 100, $"The {name} page rendered almost blank: {dark} dark pixels of {gray.Length}.");

            // The text under the QR code is drawn too, not only the code: rows below it have ink.
            var belowQr = gray.Skip(width * (height / 2)).Count(g => g < 128);
            Assert.True(belowQr > 100, $"The lower half of the {name} page has no ink ({belowQr} dark pixels).");
        }

        var text = Text((await DownloadThroughTheLinkAsync(chinese.Client)).Pdf);
        Assert.Contains("美玲 陳", text, StringComparison.Ordinal);
        Assert.Contains("陽光幼兒園", text, StringComparison.Ordinal);
        Assert.Contains("國立臺北教育大學", text, StringComparison.Ordinal);
    }

    private async Task<(HttpClient Client, string RegistryId)> PersonAsync(string language, string verifiedEmployer, string unverifiedEmployer, string college)
    {
        var (client, id) = await _app.SignedInProfessionalAsync();
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var p = await db.Professionals.SingleAsync(x => x.Id == id);
        p.PreferredLanguage = language;
        if (language == "zh-Hant")
        {
            // A Chinese name (drawn bold) and a major long enough to wrap between Chinese characters.
            p.Rename(new PersonName("美玲", null, "陳"));
        }

        p.AddDegree(new Degree(DegreeLevel.Associate, language == "zh-Hant" ? "幼兒教育與家庭研究：嬰幼兒發展、課程設計、親職教育、社區資源與多元文化幼兒教育之理論與實務整合學程" : "Early Childhood Education", college, new DateOnly(2019, 5, 24)));
        p.AddCourse(new Course("City College", "CD 1", "Child Growth and Development", 3, UnitType.Semester, "A", null, CourseCategory.ChildGrowthAndDevelopment));
        p.AddCourse(new Course("City College", "CD 2", "Child, Family and Community", 4.5m, UnitType.Quarter, "B", null, CourseCategory.ChildFamilyAndCommunity));
        p.AddCourse(new Course("City College", "ENG 1A", "Reading and Composition", 3, UnitType.Semester, "B+", null, CourseCategory.EnglishLanguageArts));
        p.AddCourse(new Course("City College", "CD 3", "Observation", 3, UnitType.Semester, "D", null, CourseCategory.ProgramAndCurriculum));
        var permit = new Credential(CredentialType.ChildDevelopmentTeacherPermit, "240012345", "Commission on Teacher Credentialing", new DateOnly(2024, 7, 1), PermitExpires);
        permit.RecordVerification(Verification.Verified("staff-1", DateTimeOffset.UtcNow));
        p.AddCredential(permit);
        p.AddTrainingRecord(new TrainingRecord("Loose Parts Play", "R&R Network", new DateOnly(2024, 3, 2), 6, null, "English", null, TrainingTrustLevel.SponsorVerified));
        p.AddTrainingRecord(new TrainingRecord("Family Engagement", "R&R Network", new DateOnly(2024, 10, 5), 4.5m, null, "English", null, TrainingTrustLevel.SponsorVerified));
        p.AddTrainingRecord(new TrainingRecord("Outdoor Play", "R&R Network", new DateOnly(2025, 2, 1), 8, null, "English", null, TrainingTrustLevel.SponsorVerified));
        var verified = Employment.AtUnlistedEmployer(new UnlistedEmployer(verifiedEmployer, null, "Oakland"), EmploymentRole.Teacher, new DateOnly(2021, 8, 16), new EmploymentSchedule(5, 8));
        verified.RecordVerification(Verification.Verified("staff-1", DateTimeOffset.UtcNow));
        p.AddEmployment(verified);
        p.AddEmployment(Employment.AtUnlistedEmployer(new UnlistedEmployer(unverifiedEmployer, null, "Oakland"), EmploymentRole.Assistant, new DateOnly(2019, 1, 7), new EmploymentSchedule(5, 8)));
        await db.SaveChangesAsync();
        return (client, p.RegistryId);
    }

    /// <summary>My Registry's "Summary (PDF)" link, followed as a person would.</summary>
    private static async Task<(byte[] Pdf, HttpResponseMessage Response)> DownloadThroughTheLinkAsync(HttpClient client)
    {
        var page = await client.GetPageAsync("/my-registry");
        var href = page.QuerySelector("a#download-summary-pdf")?.GetAttribute("href");
        Assert.NotNull(href);
        Assert.Equal("/my-registry/export/summary.pdf", href);
        var response = await client.GetAsync(new Uri(href, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF"u8.ToArray(), pdf[..4]);
        return (pdf, response);
    }

    private static string Text(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join("\n", document.GetPages().Select(p => p.Text));
    }

    /// <summary>The first page as an 8-bit gray image (pdftoppm -gray writes a binary PGM).</summary>
    private static async Task<(int Width, int Height, byte[] Gray)> RenderFirstPageAsync(byte[] pdf)
    {
        var folder = Directory.CreateTempSubdirectory("registry-pdf-");
        try
        {
            var input = Path.Combine(folder.FullName, "summary.pdf");
            await File.WriteAllBytesAsync(input, pdf);
            var start = new ProcessStartInfo(PdftoppmFactAttribute.Path) { RedirectStandardError = true };
            foreach (var arg in new[] { "-gray", "-r", "50", "-f", "1", "-l", "1", "-singlefile", input, Path.Combine(folder.FullName, "page") })
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            var errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"pdftoppm failed ({process.ExitCode}): {errors}");
            var image = await File.ReadAllBytesAsync(Path.Combine(folder.FullName, "page.pgm"));

            // "P5" width height maxval, each separated by whitespace, then one byte a pixel.
            var fields = new List<int>();
            var at = 2;
            while (fields.Count < 3)
            {
                while (char.IsWhiteSpace((char)image[at]))
                {
                    at++;
                }

                var from = at;
                while (!char.IsWhiteSpace((char)image[at]))
                {
                    at++;
                }

                fields.Add(int.Parse(System.Text.Encoding.ASCII.GetString(image, from, at - from), CultureInfo.InvariantCulture));
            }

            Assert.Equal("P5", System.Text.Encoding.ASCII.GetString(image, 0, 2));
            return (fields[0], fields[1], image[(at + 1)..]);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>With REGISTRY_KEEP_PDFS set to a folder, the rendered summaries are kept there to look at.</summary>
    private static void Keep(byte[] pdf, string name)
    {
        if (Environment.GetEnvironmentVariable("REGISTRY_KEEP_PDFS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(Path.Combine(folder, $"summary-{name}.pdf"), pdf);
        }
    }
}
