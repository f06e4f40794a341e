using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Registry.Web.Data;
using Registry.Web.Data.Licensing;
using Registry.Web.Domain;
using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.Education;
using Registry.Web.Domain.Employers;
using Registry.Web.Domain.Employments;
using Registry.Web.Domain.Professionals;

namespace Registry.Synthetic;

/// <summary>How big a synthetic state to make.</summary>
public sealed record SyntheticStateSize(int People = 300_000, int Employers = 40_000, int TrainingRecords = 3_000_000, int Courses = 1_000_000, int Seed = 2026);

/// <summary>
/// Fills a SQLite registry database with a realistic, entirely invented state: licensed sites
/// across the 58 counties by population, and professionals with jobs, demographics, education,
/// permits and training in the shares docs/synthetic-state.md documents (the test suite checks
/// them at a small size). Rows are written with prepared statements in large transactions, in
/// the same columns and formats the app writes, so that the app reads them as its own. For demos
/// and benchmarks; nobody in it exists, and nobody can sign in as them (no passwords).
/// </summary>
public sealed partial class SyntheticState(RegistryDbContext db, ImportEmployers.Handler import, TimeProvider time, ILogger<SyntheticState> logger)
{
    /// <summary>California's counties' populations in thousands (2020 census, rounded), in <see cref="CaliforniaCounties.All"/> order.</summary>
    public static readonly double[] CountyPopulation =
    [
        1682, 1.2, 41, 212, 46, 22, 1166, 28, 192, 1008, 29, 136, 180, 19, 909, 153, 68, 33, 10014, 157, 262,
        17, 91, 281, 9, 13, 439, 138, 103, 3186, 405, 20, 2418, 1585, 64, 2181, 3298, 874, 779, 282, 764, 449,
        1936, 271, 182, 3.2, 44, 453, 488, 552, 99, 65, 16, 473, 55, 843, 217, 81,
    ];

    // The documented shares (docs/synthetic-state.md); the test checks the generated data against these.
    public const double ActiveShare = 0.88;
    public const double PastJobShare = 0.30;
    public const double UnlistedEmployerShare = 0.01;
    public const double PermitShare = 0.55;
    public const double WageReportedShare = 0.70;
    public const double FirstYearReportedShare = 0.85;
    public const double RaceDeclinedShare = 0.03;
    public const double CountyMissingShare = 0.015;
    public const double PossibleDuplicateShare = 0.003;

    /// <summary>2024 categories (one each), and two or more: the shares of people who answered.</summary>
    public static readonly (RaceEthnicityCategory? Category, double Share)[] RaceShares =
    [
        (RaceEthnicityCategory.HispanicOrLatino, 0.43), (RaceEthnicityCategory.White, 0.24), (RaceEthnicityCategory.Asian, 0.15),
        (RaceEthnicityCategory.BlackOrAfricanAmerican, 0.08), (RaceEthnicityCategory.AmericanIndianOrAlaskaNative, 0.01),
        (RaceEthnicityCategory.MiddleEasternOrNorthAfrican, 0.02), (RaceEthnicityCategory.NativeHawaiianOrPacificIslander, 0.01), (null, 0.06),
    ];

    public static readonly (EmploymentRole Role, double Share)[] CenterRoles =
    [
        (EmploymentRole.Assistant, 0.25), (EmploymentRole.AssociateTeacher, 0.15), (EmploymentRole.Teacher, 0.34), (EmploymentRole.LeadTeacher, 0.10),
        (EmploymentRole.SiteSupervisor, 0.07), (EmploymentRole.Director, 0.06), (EmploymentRole.Other, 0.03),
    ];

    public static readonly (EmploymentRole Role, double Share)[] HomeRoles = [(EmploymentRole.FamilyChildCareOwner, 0.6), (EmploymentRole.FamilyChildCareAssistant, 0.4)];

    public static readonly (EducationLevel Level, double Share)[] EducationShares =
    [
        (EducationLevel.LessThanHighSchool, 0.03), (EducationLevel.HighSchoolOrGed, 0.20), (EducationLevel.SomeCollege, 0.30), (EducationLevel.Certificate, 0.05),
        (EducationLevel.Associate, 0.17), (EducationLevel.Bachelor, 0.19), (EducationLevel.Master, 0.055), (EducationLevel.Doctorate, 0.005),
    ];

    /// <summary>Ages at the day of generation: 18–24, 25–34, 35–44, 45–54, 55–64, 65–75.</summary>
    public static readonly (int From, int To, double Share)[] AgeShares = [(18, 24, 0.12), (25, 34, 0.27), (35, 44, 0.24), (45, 54, 0.19), (55, 64, 0.13), (65, 75, 0.05)];

    public static readonly (CredentialType Permit, double Share)[] PermitShares =
    [
        (CredentialType.ChildDevelopmentAssistantPermit, 0.15), (CredentialType.ChildDevelopmentAssociateTeacherPermit, 0.25), (CredentialType.ChildDevelopmentTeacherPermit, 0.35),
        (CredentialType.ChildDevelopmentMasterTeacherPermit, 0.08), (CredentialType.ChildDevelopmentSiteSupervisorPermit, 0.12), (CredentialType.ChildDevelopmentProgramDirectorPermit, 0.05),
    ];

    /// <summary>Languages spoken (several may apply); 2% give none.</summary>
    public static readonly (string Language, double Share)[] LanguageShares =
    [
        ("English", 0.95), ("Spanish", 0.45), ("Cantonese", 0.04), ("Mandarin", 0.03), ("Vietnamese", 0.03), ("Tagalog", 0.03), ("Korean", 0.01), ("Armenian", 0.01), ("Farsi", 0.01),
    ];

    private static readonly string[] FirstNames =
    [
        "Maria", "Guadalupe", "Rosa", "Ana", "Carmen", "Leticia", "Veronica", "Martha", "Patricia", "Elizabeth", "Nancy", "Linda", "Susan", "Karen", "Lisa",
        "Michelle", "Jennifer", "Angela", "Sandra", "Mai", "Linh", "Thuy", "Mei", "Li", "Teresa", "Yolanda", "Silvia", "Alma", "Blanca", "Gloria", "Laura",
        "Monica", "Sofia", "Aisha", "Keisha", "Tanya", "Joanna", "Jasmine", "Priya", "Grace", "Hannah", "Emily", "Sarah", "David", "Jose", "Luis", "James",
    ];

    private static readonly string[] LastNames =
    [
        "Garcia", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Perez", "Sanchez", "Ramirez", "Torres", "Nguyen", "Tran", "Le", "Pham", "Wong",
        "Chen", "Lee", "Kim", "Park", "Ho", "Smith", "Johnson", "Williams", "Brown", "Jones", "Davis", "Miller", "Wilson", "Anderson", "Thomas", "Jackson",
        "White", "Harris", "Martin", "Thompson", "Moore", "Young", "Flores", "Rivera", "Gomez", "Diaz", "Reyes", "Morales", "Cruz", "Ortiz", "Huang", "Santos",
    ];

    private static readonly CourseCategory[] EceCategories =
    [
        CourseCategory.ChildGrowthAndDevelopment, CourseCategory.ChildFamilyAndCommunity, CourseCategory.ProgramAndCurriculum, CourseCategory.OtherEce,
        CourseCategory.InfantToddler, CourseCategory.SchoolAge, CourseCategory.Administration, CourseCategory.AdultSupervision, CourseCategory.SupervisedFieldExperience,
    ];

    private static readonly CourseCategory[] GeneralCategories =
        [CourseCategory.EnglishLanguageArts, CourseCategory.MathOrScience, CourseCategory.SocialSciences, CourseCategory.HumanitiesOrFineArts];

    private static readonly string[] TrainingTitles =
    [
        "Positive Guidance", "Health and Safety", "Pediatric CPR Refresher", "Early Literacy", "Math in Play", "Dual Language Learners", "Inclusion Practices",
        "Trauma-Informed Care", "Infant and Toddler Caregiving", "Family Engagement", "Observation and Assessment", "Nutrition", "Mandated Reporter Training",
    ];

    public sealed record Result(int Employers, int People, int Active, int Employments, int Courses, int TrainingRecords, int Credentials, int Degrees, TimeSpan Elapsed);

    public async Task<Result> GenerateAsync(SyntheticStateSize size, CancellationToken ct)
    {
        var postgres = db.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";
        if (db.Database.GetDbConnection() is not SqliteConnection && !postgres)
        {
            throw new InvalidOperationException("The synthetic state is written to SQLite (the embedded default) or PostgreSQL.");
        }

        var watch = Stopwatch.StartNew();
        var random = new Random(size.Seed);
        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        var now = time.GetUtcNow();

        // Sites: a licensing list in the agency's layout, imported the way the agency's file is.
        var list = StatewideListGenerator.Generate(size.Employers, size.Seed, CountyPopulation);
        await import.HandleAsync(list.Bytes, ImportEmployers.Mode.Partial, ct);
        var sites = await db.Employers.AsNoTracking()
            .Where(e => e.Source == "CCLD")
            .Select(e => new Site(e.Id, e.FacilityType, e.County, e.Status, e.Capacity))
            .ToListAsync(ct);
        var open = sites.Where(s => s.Status is EmployerStatus.Licensed or EmployerStatus.OnProbation).ToList();
        if (open.Count == 0)
        {
            throw new InvalidOperationException("No open sites to employ anyone.");
        }

        // Bigger sites employ more people: centers by capacity, homes one to three.
        var openWeights = StatewideListGenerator.Cumulative(open.Select(s => s.FacilityType.IsFamilyChildCareHome() ? 1.5 : Math.Max(4, (s.Capacity ?? 40) / 6.0)).ToList());
        var anyWeights = StatewideListGenerator.Cumulative(sites.Select(s => s.FacilityType.IsFamilyChildCareHome() ? 1.5 : Math.Max(4, (s.Capacity ?? 40) / 6.0)).ToList());
        var connection = new Writer(db.Database.GetDbConnection(), postgres);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var firstId = Convert.ToInt32(await connection.ScalarAsync("SELECT COALESCE(MAX(\"Id\"), 0) FROM \"Professionals\"", ct), CultureInfo.InvariantCulture) + 1;
            var usedRegistryIds = new HashSet<string>(await db.Professionals.IgnoreQueryFilters().Select(p => p.RegistryId).ToListAsync(ct), StringComparer.Ordinal);
            var people = new List<Person>(size.People);
            for (var i = 0; i < size.People; i++)
            {
                people.Add(MakePerson(random, firstId + i, i, today, open, openWeights, sites, anyWeights, usedRegistryIds));
            }

            await WritePeopleAsync(connection, people, now, ct);
            if (postgres)
            {
                // Ids were given, not drawn: the identity sequence moves past them for the next profile.
                await connection.ExecuteAsync("SELECT setval(pg_get_serial_sequence('\"Professionals\"', 'Id'), (SELECT MAX(\"Id\") FROM \"Professionals\"))", ct);
            }

            var employments = await WriteJobsAsync(connection, people, random, today, now, ct);
            var (credentials, degrees) = await WriteCredentialsAsync(connection, people, random, today, ct);
            await WriteCoursesAsync(connection, people, size.Courses, random, today, ct);
            await WriteTrainingAsync(connection, people, size.TrainingRecords, random, today, ct);
            await connection.ExecuteAsync("ANALYZE", ct);
            var result = new Result(sites.Count, people.Count, people.Count(p => p.Active), employments, size.Courses, size.TrainingRecords, credentials, degrees, watch.Elapsed);
            logger.LogInformation("Synthetic state: {Result}", result);
            return result;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private sealed record Site(int Id, FacilityType FacilityType, string? County, EmployerStatus Status, int? Capacity);

    private sealed record Person(
        int Id, string UserId, string RegistryId, string First, string Last, DateOnly Born, string? County, EducationLevel? Level, int? FirstYear,
        RaceEthnicityCategory[] Races, bool Declined, string[] Languages, Site Job, EmploymentRole Role, bool Active, DateOnly JobStart, decimal? Wage,
        bool Unlisted, Site? PastJob, bool Duplicate, string PreferredLanguage);

    private static Person MakePerson(Random random, int id, int index, DateOnly today, List<Site> open, double[] openWeights, List<Site> sites, double[] anyWeights, HashSet<string> used)
    {
        var age = AgeShares[Draw(random, AgeShares.Select(a => a.Share))];
        var born = today.AddYears(-random.Next(age.From, age.To + 1)).AddDays(-random.Next(0, 365));
        var active = random.NextDouble() < ActiveShare;
        var job = active ? open[StatewideListGenerator.Pick(random, openWeights)] : sites[StatewideListGenerator.Pick(random, anyWeights)];
        var roles = job.FacilityType.IsFamilyChildCareHome() ? HomeRoles : CenterRoles;
        var role = roles[Draw(random, roles.Select(r => r.Share))].Role;
        var county = Registry.Web.Domain.CaliforniaCounties.All.FirstOrDefault(c => string.Equals(c, job.County, StringComparison.OrdinalIgnoreCase));
        if (random.NextDouble() < 0.08)
        {
            county = Registry.Web.Domain.CaliforniaCounties.All[random.Next(Registry.Web.Domain.CaliforniaCounties.All.Count)];
        }

        if (random.NextDouble() < CountyMissingShare)
        {
            county = null;
        }

        var declined = random.NextDouble() < RaceDeclinedShare;
        RaceEthnicityCategory[] races = [];
        if (!declined)
        {
            var drawn = RaceShares[Draw(random, RaceShares.Select(r => r.Share))].Category;
            races = drawn is { } single ? [single] : TwoCategories(random);
        }

        var languages = random.NextDouble() < 0.02 ? [] : LanguageShares.Where(l => random.NextDouble() < l.Share).Select(l => l.Language).DefaultIfEmpty("English").ToArray();
        var yearsInField = Math.Min(age.From - 16, (int)Math.Round(-Math.Log(1 - random.NextDouble()) * 9));
        var ageYears = today.Year - born.Year;
        yearsInField = Math.Clamp(yearsInField, 0, Math.Max(0, ageYears - 17));
        var firstYear = random.NextDouble() < FirstYearReportedShare ? today.Year - yearsInField : (int?)null;
        var jobStart = today.AddYears(-Math.Min(yearsInField, random.Next(0, 12))).AddDays(-random.Next(1, 365));
        if (jobStart < born.AddYears(17))
        {
            jobStart = born.AddYears(17).AddDays(random.Next(1, 200));
        }

        if (jobStart >= today)
        {
            jobStart = today.AddDays(-random.Next(1, 60));
        }

        var baseWage = role switch
        {
            EmploymentRole.Assistant or EmploymentRole.FamilyChildCareAssistant => 18m,
            EmploymentRole.AssociateTeacher => 19.5m,
            EmploymentRole.Teacher => 22m,
            EmploymentRole.LeadTeacher => 24m,
            EmploymentRole.SiteSupervisor => 27m,
            EmploymentRole.Director => 32m,
            EmploymentRole.FamilyChildCareOwner => 21m,
            _ => 20m,
        };
        var wage = random.NextDouble() < WageReportedShare ? Math.Round(Math.Max(16.5m, baseWage + (decimal)(Normal(random) * 3)), 2) : (decimal?)null;
        string registryId;
        var serial = (int)(((long)index * 7919 + 1_234_567) % 10_000_000);
        do
        {
            registryId = RegistryId.FromSerial(serial);
            serial = (serial + 1) % 10_000_000;
        }
        while (!used.Add(registryId));

        return new Person(
            id, Guid.NewGuid().ToString(), registryId, FirstNames[random.Next(FirstNames.Length)], LastNames[random.Next(LastNames.Length)], born, county,
            random.NextDouble() < 0.97 ? EducationShares[Draw(random, EducationShares.Select(e => e.Share))].Level : null, firstYear,
            races, declined, languages, job, role, active, jobStart, wage, active && random.NextDouble() < UnlistedEmployerShare,
            random.NextDouble() < PastJobShare ? sites[StatewideListGenerator.Pick(random, anyWeights)] : null,
            random.NextDouble() < PossibleDuplicateShare, languages.Contains("Spanish") && random.NextDouble() < 0.4 ? "es" : "en");
    }

    private static RaceEthnicityCategory[] TwoCategories(Random random)
    {
        var all = Enum.GetValues<RaceEthnicityCategory>();
        var first = all[random.Next(all.Length)];
        RaceEthnicityCategory second;
        do
        {
            second = all[random.Next(all.Length)];
        }
        while (second == first);
        return [first, second];
    }

    private static async Task WritePeopleAsync(Writer connection, List<Person> people, DateTimeOffset now, CancellationToken ct)
    {
        var stamp = now;
        await using var transaction = await connection.BeginAsync(ct);
        var user = connection.Prepare(transaction,
            "INSERT INTO AspNetUsers (Id, UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed, SecurityStamp, ConcurrencyStamp, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount) " +
            "VALUES (@id, @email, @norm, @email, @norm, TRUE, @security, @concurrency, FALSE, FALSE, TRUE, 0)", "@id", "@email", "@norm", "@security", "@concurrency");
        var professional = connection.Prepare(transaction,
            "INSERT INTO Professionals (Id, ConcurrencyStamp, County, CreatedAt, DateOfBirth, Email, FirstName, FirstYearInField, HighestEducationLevel, LastName, " +
            "NormalizedFirstName, NormalizedLastName, PossibleDuplicateOfId, PreferredLanguage, RaceEthnicityDeclined, RegistryId, UpdatedAt, UserId, AllowsPublicVerification) " +
            "VALUES (@id, @stamp, @county, @at, @born, @email, @first, @year, @level, @last, @nfirst, @nlast, @dup, @lang, @declined, @rid, @at, @user, FALSE)",
            "@id", "@stamp", "@county", "@at", "@born", "@email", "@first", "@year", "@level", "@last", "@nfirst", "@nlast", "@dup", "@lang", "@declined", "@rid", "@user");
        var race = connection.Prepare(transaction, "INSERT INTO ProfessionalRaceEthnicities (ProfessionalId, Category) VALUES (@p, @c)", "@p", "@c");
        var language = connection.Prepare(transaction, "INSERT INTO ProfessionalLanguages (ProfessionalId, Language) VALUES (@p, @l)", "@p", "@l");
        foreach (var p in people)
        {
            var email = $"synthetic.{p.RegistryId.ToLowerInvariant()}@example.invalid";
            await connection.RunAsync(user, ct, p.UserId, email, email.ToUpperInvariant(), Guid.NewGuid().ToString("N").ToUpperInvariant(), Guid.NewGuid().ToString());
            await connection.RunAsync(professional, ct, p.Id, Guid.NewGuid(), p.County, stamp, p.Born, email, p.First, p.FirstYear,
                p.Level is { } level ? (int)level : (int?)null, p.Last, PersonName.NormalizeForLookup(p.First), PersonName.NormalizeForLookup(p.Last),
                p.Duplicate && p.Id > people[0].Id ? p.Id - 1 : (int?)null, p.PreferredLanguage, p.Declined, p.RegistryId, p.UserId);
            foreach (var category in p.Races)
            {
                await connection.RunAsync(race, ct, p.Id, (int)category);
            }

            foreach (var l in p.Languages)
            {
                await connection.RunAsync(language, ct, p.Id, l);
            }
        }

        await transaction.CommitAsync(ct);
    }

    private static async Task<int> WriteJobsAsync(Writer connection, List<Person> people, Random random, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        await using var transaction = await connection.BeginAsync(ct);
        var job = connection.Prepare(transaction,
            "INSERT INTO Employments (ProfessionalId, EmployerId, UnlistedEmployerName, Role, StartDate, EndDate, DaysPerWeek, HoursPerDay, SupervisesAdults, AgeGroupsServed, HourlyWage, ConfirmedByUserId, ConfirmedAt, VerificationStatus, ConcurrencyStamp) " +
            "VALUES (@p, @e, @u, @role, @start, @end, @days, @hours, @sup, @ages, @wage, @by, @at, 0, @stamp)",
            "@p", "@e", "@u", "@role", "@start", "@end", "@days", "@hours", "@sup", "@ages", "@wage", "@by", "@at", "@stamp");
        var count = 0;
        foreach (var p in people)
        {
            var home = p.Job.FacilityType.IsFamilyChildCareHome();
            var end = p.Active ? (DateOnly?)null : today.AddDays(-random.Next(30, 900));
            var start = end is { } e && p.JobStart >= e ? e.AddDays(-random.Next(60, 1000)) : p.JobStart;
            var confirmed = !p.Unlisted && random.NextDouble() < 0.6;
            await connection.RunAsync(job, ct, p.Id, p.Unlisted ? (int?)null : p.Job.Id, p.Unlisted ? "Sunrise Family Learning (not yet matched)" : null, (int)p.Role,
                start, end is { } ended ? ended : null, 5.0m, home ? 10.0m : random.NextDouble() < 0.8 ? 8.0m : 6.0m,
                p.Role is EmploymentRole.SiteSupervisor or EmploymentRole.Director, (int)(AgeGroups.Toddlers | AgeGroups.Preschool),
                p.Wage, confirmed ? "synthetic" : null, confirmed ? now : (DateTimeOffset?)null, Guid.NewGuid());
            count++;
            if (p.PastJob is { } past)
            {
                var pastEnd = start.AddDays(-random.Next(1, 200));
                var pastStart = pastEnd.AddDays(-random.Next(200, 2000));
                if (pastStart > p.Born.AddYears(16))
                {
                    await connection.RunAsync(job, ct, p.Id, past.Id, null, (int)(past.FacilityType.IsFamilyChildCareHome() ? EmploymentRole.FamilyChildCareAssistant : EmploymentRole.Assistant),
                        pastStart, pastEnd, 5.0m, 8.0m, false, (int)AgeGroups.Preschool, null, null, null, Guid.NewGuid());
                    count++;
                }
            }
        }

        await transaction.CommitAsync(ct);
        return count;
    }

    private static async Task<(int Credentials, int Degrees)> WriteCredentialsAsync(Writer connection, List<Person> people, Random random, DateOnly today, CancellationToken ct)
    {
        await using var transaction = await connection.BeginAsync(ct);
        var credential = connection.Prepare(transaction,
            // A synthetic Californian's permits and degrees were earned in California.
            "INSERT INTO Credentials (ProfessionalId, Type, SchoolAgeEmphasis, IssuingBody, IssuedOn, ExpiresOn, VerificationStatus, ConcurrencyStamp, ExpiryAssumed, EarnedIn) " +
            "VALUES (@p, @t, FALSE, @body, @issued, @expires, @status, @stamp, FALSE, 'US-CA')", "@p", "@t", "@body", "@issued", "@expires", "@status", "@stamp");
        var degree = connection.Prepare(transaction,
            "INSERT INTO Degrees (ProfessionalId, Level, Major, Institution, ConferredOn, VerificationStatus, ConcurrencyStamp, EarnedIn) VALUES (@p, @l, @m, @i, @on, @status, @stamp, 'US-CA')",
            "@p", "@l", "@m", "@i", "@on", "@status", "@stamp");
        var (credentials, degrees) = (0, 0);
        foreach (var p in people)
        {
            if (random.NextDouble() < PermitShare)
            {
                var permit = PermitShares[Draw(random, PermitShares.Select(s => s.Share))].Permit;
                var issued = today.AddDays(-random.Next(30, 7 * 365));
                if (issued < p.Born.AddYears(18))
                {
                    issued = p.Born.AddYears(18).AddDays(random.Next(1, 100));
                }

                await connection.RunAsync(credential, ct, p.Id, (int)permit, "Commission on Teacher Credentialing", issued, issued.AddYears(5), random.NextDouble() < 0.5 ? 2 : 0, Guid.NewGuid());
                credentials++;
            }

            if (random.NextDouble() < 0.6)
            {
                var issued = today.AddDays(-random.Next(1, 2 * 365));
                await connection.RunAsync(credential, ct, p.Id, (int)CredentialType.PediatricCprAndFirstAid, "American Red Cross", issued, issued.AddYears(2), 0, Guid.NewGuid());
                credentials++;
            }

            DegreeLevel? level = p.Level switch
            {
                EducationLevel.Associate => DegreeLevel.Associate,
                EducationLevel.Bachelor => DegreeLevel.Bachelor,
                EducationLevel.Master => DegreeLevel.Master,
                EducationLevel.Doctorate => DegreeLevel.Doctorate,
                _ => null,
            };
            if (level is { } l)
            {
                var conferred = p.Born.AddYears(20 + (int)l).AddDays(random.Next(0, 365));
                await connection.RunAsync(degree, ct, p.Id, (int)l, random.NextDouble() < 0.6 ? "Child Development" : "Psychology", "California State University",
                    conferred < today ? conferred : null, random.NextDouble() < 0.4 ? 2 : 0, Guid.NewGuid());
                degrees++;
            }
        }

        await transaction.CommitAsync(ct);
        return (credentials, degrees);
    }

    /// <summary>Courses go to people with some college or more, more to those with more education.</summary>
    private static async Task WriteCoursesAsync(Writer connection, List<Person> people, int total, Random random, DateOnly today, CancellationToken ct)
    {
        var takers = people.Where(p => p.Level is >= EducationLevel.SomeCollege).ToList();
        if (takers.Count == 0 || total == 0)
        {
            return;
        }

        var weights = StatewideListGenerator.Cumulative(takers.Select(p => p.Level >= EducationLevel.Associate ? 2.0 : 1.0).ToList());
        await using var transaction = await connection.BeginAsync(ct);
        var course = connection.Prepare(transaction,
            "INSERT INTO Courses (ProfessionalId, Institution, CourseNumber, Title, Units, UnitType, Grade, Category, VerificationStatus, ConcurrencyStamp, CompletedOn) " +
            "VALUES (@p, @i, @n, @t, @u, 1, @g, @c, @status, @stamp, @on)", "@p", "@i", "@n", "@t", "@u", "@g", "@c", "@status", "@stamp", "@on");
        string[] grades = ["A", "A", "B", "B", "B", "C", "CR"];
        for (var i = 0; i < total; i++)
        {
            var p = takers[StatewideListGenerator.Pick(random, weights)];
            var ece = random.NextDouble() < 0.7;
            var category = ece ? EceCategories[random.Next(EceCategories.Length)] : GeneralCategories[random.Next(GeneralCategories.Length)];
            var completed = p.Born.AddYears(19 + random.Next(0, 20)).AddDays(random.Next(0, 365));
            await connection.RunAsync(course, ct, p.Id, "Community College", $"{(ece ? "CD" : "GE")} {100 + random.Next(0, 90)}", $"{category} {i % 97}",
                random.NextDouble() < 0.9 ? 3.0m : 4.0m, grades[random.Next(grades.Length)], (int)category, random.NextDouble() < 0.5 ? 2 : 0,
                Guid.NewGuid(), completed < today ? completed : null);
        }

        await transaction.CommitAsync(ct);
    }

    /// <summary>Training over the last five years, to active people more than to those who left.</summary>
    private static async Task WriteTrainingAsync(Writer connection, List<Person> people, int total, Random random, DateOnly today, CancellationToken ct)
    {
        if (total == 0)
        {
            return;
        }

        var weights = StatewideListGenerator.Cumulative(people.Select(p => p.Active ? 1.0 : 0.3).ToList());
        await using var transaction = await connection.BeginAsync(ct);
        var training = connection.Prepare(transaction,
            "INSERT INTO TrainingRecords (ProfessionalId, Title, Sponsor, AttendedOn, ClockHours, TopicArea, Language, DeliveryMode, TrustLevel, VerificationStatus, ConcurrencyStamp) " +
            "VALUES (@p, @t, @s, @on, @h, NULL, @l, @d, @trust, 0, @stamp)", "@p", "@t", "@s", "@on", "@h", "@l", "@d", "@trust", "@stamp");
        decimal[] hours = [1.0m, 1.5m, 2.0m, 2.0m, 3.0m, 3.0m, 3.0m, 4.0m, 6.0m, 8.0m];
        for (var i = 0; i < total; i++)
        {
            var p = people[StatewideListGenerator.Pick(random, weights)];
            var on = today.AddDays(-random.Next(1, 5 * 365));
            if (on < p.Born.AddYears(17))
            {
                on = today.AddDays(-random.Next(1, 365));
            }

            await connection.RunAsync(training, ct, p.Id, TrainingTitles[random.Next(TrainingTitles.Length)], "Resource and Referral Agency", on, hours[random.Next(hours.Length)],
                p.PreferredLanguage == "es" ? "Spanish" : "English", random.Next(1, 4), random.NextDouble() < 0.5 ? 1 : 0, Guid.NewGuid());
        }

        await transaction.CommitAsync(ct);
    }

    private static int Draw(Random random, IEnumerable<double> shares)
    {
        var x = random.NextDouble() * shares.Sum();
        var i = 0;
        foreach (var share in shares)
        {
            x -= share;
            if (x < 0)
            {
                return i;
            }

            i++;
        }

        return i - 1;
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>
    /// Writes rows through prepared statements on the context's own connection: SQLite (values as
    /// the SQLite context stores them: moments as binary, dates and decimals as text, Guids as upper-case
    /// text) or PostgreSQL (native types, moments in UTC). Identifiers are quoted, parameters named @x.
    /// </summary>
    private sealed class Writer(DbConnection connection, bool postgres)
    {
        private static readonly DateTimeOffsetToBinaryConverter Binary = new();

        public async Task<DbTransaction> BeginAsync(CancellationToken ct) => await connection.BeginTransactionAsync(ct);

        public DbCommand Prepare(DbTransaction transaction, string sql, params string[] parameters)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = InsertTarget().Replace(sql, m =>
                $"INSERT INTO \"{m.Groups["table"].Value}\" ({string.Join(", ", m.Groups["columns"].Value.Split(',').Select(c => $"\"{c.Trim()}\""))})");
            foreach (var name in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                command.Parameters.Add(parameter);
            }

            if (!postgres)
            {
                command.Prepare();
            }

            return command;
        }

        public Task<int> RunAsync(DbCommand command, CancellationToken ct, params object?[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = Stored(values[i]);
            }

            return command.ExecuteNonQueryAsync(ct);
        }

        public async Task<object?> ScalarAsync(string sql, CancellationToken ct)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return await command.ExecuteScalarAsync(ct);
        }

        public async Task ExecuteAsync(string sql, CancellationToken ct)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(ct);
        }

        private object Stored(object? value) => value switch
        {
            null => DBNull.Value,
            DateTimeOffset at => postgres ? at.ToUniversalTime() : Binary.ConvertToProvider(at)!,
            DateOnly day => postgres ? day : day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Guid id => postgres ? id : id.ToString().ToUpperInvariant(),
            bool flag => postgres ? flag : flag ? 1 : 0,
            decimal number => postgres ? number : number.ToString("0.0###########################", CultureInfo.InvariantCulture),
            _ => value,
        };
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"INSERT INTO (?<table>\w+) \((?<columns>[^)]*)\)")]
    private static partial System.Text.RegularExpressions.Regex InsertTarget();
}
