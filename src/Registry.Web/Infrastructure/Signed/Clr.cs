using System.Globalization;
using System.Text.Json.Nodes;
using Registry.Web.Domain.Signed;

namespace Registry.Web.Infrastructure.Signed;

/// <summary>
/// The whole verified record as one 1EdTech Comprehensive Learner Record 2.0 credential: every
/// verified course (units and grade), degree, permit and training, and every job its employer
/// confirmed (or staff verified), each an Open Badges 3.0 AchievementCredential inside the CLR's
/// credentialSubject. The CLR alone is signed: its signature covers all it contains.
/// Self-reported facts are not in it (they are in the record export's record.json).
/// </summary>
public static class Clr
{
    public const string ClrContext = "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json";
    public const string ClrSchema = "https://purl.imsglobal.org/spec/clr/v2p0/schema/json/clr_v2p0_clrcredential_schema.json";

    public sealed record Course(string Title, string? Number, string Institution, decimal SemesterUnits, string? Grade, string? Term, DateOnly? CompletedOn, string Category);

    public sealed record Degree(string Level, string Major, string Institution, DateOnly? ConferredOn);

    public sealed record Permit(string Code, string Name, string? Number, string IssuingBody, DateOnly IssuedOn, DateOnly? ExpiresOn);

    public sealed record Attended(string Title, string Sponsor, DateOnly AttendedOn, decimal ClockHours);

    public sealed record Job(string Employer, string? LicenseNumber, string Role, DateOnly StartDate, DateOnly? EndDate, bool ConfirmedByEmployer);

    public sealed record Record(IReadOnlyList<Course> Courses, IReadOnlyList<Degree> Degrees, IReadOnlyList<Permit> Permits, IReadOnlyList<Attended> Training, IReadOnlyList<Job> Jobs);

    public static JsonObject ForTranscript(RegistryIssuer issuer, IssuedCredential issued, OpenBadges.Holder holder, Record record)
    {
        var contained = new JsonArray();
        var at = CredentialTokens.Timestamp(issued.IssuedAt);
        JsonObject Achievement(string kind, string type, string name, string description, string creator, Action<JsonObject>? more = null)
        {
            var achievement = new JsonObject
            {
                ["id"] = OpenBadges.Tag(issuer, $"{kind}/{OpenBadges.Slug(creator)}/{OpenBadges.Slug(name)}"),
                ["type"] = new JsonArray("Achievement"),
                ["achievementType"] = type,
                ["name"] = name,
                ["description"] = description,
                ["criteria"] = new JsonObject { ["narrative"] = $"Recorded by {creator}; verified by {issuer.Name} staff." },
                ["creator"] = new JsonObject
                {
                    ["id"] = OpenBadges.Tag(issuer, "organization/" + OpenBadges.Slug(creator)),
                    ["type"] = new JsonArray("Profile"),
                    ["name"] = creator,
                },
            };
            more?.Invoke(achievement);
            return achievement;
        }

        void Add(JsonObject achievement, Action<JsonObject>? subject = null)
        {
            var s = OpenBadges.Subject(holder);
            s["achievement"] = achievement;
            subject?.Invoke(s);
            contained.Add(new JsonObject
            {
                ["@context"] = new JsonArray(OpenBadges.VcContext, OpenBadges.ObContext),
                ["id"] = "urn:uuid:" + Guid.NewGuid().ToString("D"),
                ["type"] = new JsonArray("VerifiableCredential", "AchievementCredential"),
                ["name"] = (string?)achievement["name"],
                ["issuer"] = OpenBadges.IssuerProfile(issuer),
                ["validFrom"] = at,
                ["credentialSubject"] = s,
            });
        }

        foreach (var c in record.Courses)
        {
            Add(Achievement("course", "Course", c.Title, $"{c.Title}, {c.Institution}.", c.Institution, a =>
            {
                a["creditsAvailable"] = c.SemesterUnits;

                // Another Registry reads the course's category back from this tag when the person brings their record.
                a["tag"] = new JsonArray("category:" + c.Category);
                if (c.Number is not null)
                {
                    a["humanCode"] = c.Number;
                }
            }), s =>
            {
                s["creditsEarned"] = c.SemesterUnits;
                if (c.Term is not null)
                {
                    s["term"] = c.Term;
                }

                if (c.CompletedOn is { } done)
                {
                    s["activityEndDate"] = OpenBadges.Day(done);
                }

                if (c.Grade is not null)
                {
                    s["result"] = new JsonArray(new JsonObject { ["type"] = new JsonArray("Result"), ["value"] = c.Grade });
                }
            });
        }

        foreach (var d in record.Degrees)
        {
            var type = d.Level switch { "Associate" => "AssociateDegree", "Bachelor" => "BachelorDegree", "Master" => "MasterDegree", "Doctorate" => "DoctoralDegree", "HighSchoolDiploma" => "SecondarySchoolDiploma", _ => "Certificate" };
            Add(Achievement("degree", type, $"{d.Level} in {d.Major}", $"{d.Level} in {d.Major}, {d.Institution}.", d.Institution, a => a["fieldOfStudy"] = d.Major), s =>
            {
                if (d.ConferredOn is { } on)
                {
                    s["activityEndDate"] = OpenBadges.Day(on);
                }
            });
        }

        foreach (var p in record.Permits)
        {
            Add(Achievement("permit", "License", p.Name, $"{p.Name}, issued by {p.IssuingBody}.", p.IssuingBody, a => a["id"] = OpenBadges.Tag(issuer, "permit/" + p.Code)), s =>
            {
                if (p.Number is not null)
                {
                    s["licenseNumber"] = p.Number;
                }

                s["activityStartDate"] = OpenBadges.Day(p.IssuedOn);
                if (p.ExpiresOn is { } expires)
                {
                    s["activityEndDate"] = OpenBadges.Day(expires);
                }
            });
        }

        foreach (var t in record.Training)
        {
            Add(Achievement("training", "CertificateOfCompletion", t.Title, $"{t.Title}, {t.ClockHours.ToString("0.##", CultureInfo.InvariantCulture)} clock hours, {t.Sponsor}.", t.Sponsor), s =>
            {
                s["activityEndDate"] = OpenBadges.Day(t.AttendedOn);
                s["result"] = new JsonArray(new JsonObject { ["type"] = new JsonArray("Result"), ["value"] = t.ClockHours.ToString("0.##", CultureInfo.InvariantCulture) + " clock hours" });
            });
        }

        foreach (var j in record.Jobs)
        {
            Add(Achievement("employment", "ext:ConfirmedEmployment", $"{j.Role} at {j.Employer}", $"{j.Role} at {j.Employer}{(j.LicenseNumber is null ? string.Empty : $" (facility {j.LicenseNumber})")}, {(j.ConfirmedByEmployerAt())}.", j.Employer), s =>
            {
                s["activityStartDate"] = OpenBadges.Day(j.StartDate);
                if (j.EndDate is { } end)
                {
                    s["activityEndDate"] = OpenBadges.Day(end);
                }

                s["role"] = j.Role;
            });
        }

        var subject = new JsonObject
        {
            ["type"] = new JsonArray("ClrSubject"),
            ["identifier"] = OpenBadges.Subject(holder)["identifier"]!.DeepClone(),
            ["verifiableCredential"] = contained,
        };
        var credential = OpenBadges.Credential(issuer, issued, $"Verified record of {holder.Name}", subject, null);
        credential["@context"] = new JsonArray(OpenBadges.VcContext, ClrContext, OpenBadges.ObContext);
        credential["type"] = new JsonArray("VerifiableCredential", "ClrCredential");
        credential["credentialSchema"] = new JsonArray(new JsonObject { ["id"] = ClrSchema, ["type"] = "JsonSchema" });
        return credential;
    }

    private static string ConfirmedByEmployerAt(this Job job) => job.ConfirmedByEmployer ? "confirmed by the employer" : "verified by registry staff";
}
