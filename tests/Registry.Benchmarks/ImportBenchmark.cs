using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.Web.Data;
using Registry.Web.Features.PeopleImports;
using Registry.Web.Infrastructure.Security;

namespace Registry.Benchmarks;

/// <summary>
/// The bulk load of people (issue 25) at a state's size: generated people and courses files (by
/// default 300,000 people and 1,000,000 courses, a third of them verified) loaded by the
/// import-people command into an empty registry on the embedded SQLite default, the whole app
/// running beside it (invitations are queued and sent by its background worker meanwhile); then
/// the same files again (every person found by email, every course already there).
/// Usage: dotnet run -c Release --project tests/Registry.Benchmarks -- --import [--people N] [--courses N] [--once]
/// </summary>
internal static class ImportBenchmark
{
    private static readonly string[] FirstNames = ["Ana", "Ben", "Carmen", "David", "Elena", "Frank", "Grace", "Hector", "Iris", "Jamal", "Kim", "Luis", "Maya", "Nora", "Oscar", "Paz", "Quinn", "Rosa", "Sam", "Tina"];
    private static readonly string[] LastNames = ["Garcia", "Nguyen", "Smith", "Lopez", "Chen", "Johnson", "Martinez", "Wong", "Brown", "Hernandez", "Lee", "Davis", "Gonzalez", "Kim", "Wilson", "Perez"];
    private static readonly (string Title, string Category)[] CourseTitles =
    [
        ("Child Growth and Development", "ChildGrowthAndDevelopment"), ("Child, Family and Community", "ChildFamilyAndCommunity"),
        ("Introduction to Curriculum", "ProgramAndCurriculum"), ("Observation and Assessment", "OtherEce"), ("Infant and Toddler Care", "InfantToddler"),
        ("Administration I", "Administration"), ("Adult Supervision", "AdultSupervision"), ("English Composition", "EnglishLanguageArts"),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var people = args.SkipWhile(a => a != "--people").Skip(1).Select(int.Parse).FirstOrDefault(300_000);
        var courses = args.SkipWhile(a => a != "--courses").Skip(1).Select(int.Parse).FirstOrDefault(people * 10 / 3);
        var folder = Directory.CreateTempSubdirectory("registry-bench-import-");
        try
        {
            var peopleFile = Path.Combine(folder.FullName, "people.csv");
            var coursesFile = Path.Combine(folder.FullName, "courses.csv");
            var watch = Stopwatch.StartNew();
            await WriteFilesAsync(peopleFile, coursesFile, people, courses);
            Console.WriteLine(FormattableString.Invariant($"Generated {people:N0} people ({new FileInfo(peopleFile).Length / 1048576.0:N1} MB) and {courses:N0} courses ({new FileInfo(coursesFile).Length / 1048576.0:N1} MB) in {watch.Elapsed.TotalSeconds:N1} s"));

            var databasePath = Path.Combine(folder.FullName, "bench.db");
            await using var app = new BenchmarkApp(databasePath, folder.FullName);
            _ = app.Services;
            var staff = "staff@registry.test";
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var users = scope.ServiceProvider.GetRequiredService<UserManager<RegistryUser>>();
                var user = new RegistryUser { UserName = staff, Email = staff, EmailConfirmed = true };
                await users.CreateAsync(user, "purple ladders sing at dawn");
                await users.AddToRoleAsync(user, Roles.RegistryStaff);
            }

            foreach (var (name, dryRun) in args.Contains("--once") ? new[] { ("load", false) } : [("dry run", true), ("load", false), ("load again", false)])
            {
                var output = new StringWriter();
                watch.Restart();
                string[] command = [ImportPeopleCommand.Name, peopleFile, coursesFile, "--by", staff, .. dryRun ? new[] { "--dry-run" } : []];
                var code = await ImportPeopleCommand.RunAsync(app.Services, command, output, CancellationToken.None);
                var elapsed = watch.Elapsed;
                await using var scope = app.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
                Console.WriteLine(FormattableString.Invariant($"{name}: {elapsed.TotalSeconds:N1} s ({people / elapsed.TotalSeconds:N0} people/s, {courses / elapsed.TotalSeconds:N0} courses/s), exit {code}; in the database: {await db.Professionals.CountAsync():N0} people, {await db.Courses.CountAsync():N0} courses"));
                Console.WriteLine("  " + output.ToString().Trim().Split('\n')[^1]);
            }

            await using (var scope = app.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
                Console.WriteLine(FormattableString.Invariant($"Invitations sent by the background worker meanwhile: {await db.AccountInvitations.CountAsync(i => i.SentAt != null):N0} of {await db.AccountInvitations.CountAsync():N0}"));
            }

            Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static async Task WriteFilesAsync(string peopleFile, string coursesFile, int people, int courses)
    {
        var random = new Random(2026);
        await using (var writer = new StreamWriter(peopleFile, false, new UTF8Encoding(false)))
        {
            await writer.WriteLineAsync("person_key,first_name,last_name,birth_date,email,preferred_language");
            for (var i = 0; i < people; i++)
            {
                var birth = new DateOnly(1960, 1, 1).AddDays(random.Next(0, 365 * 40));
                await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"P{i:D7},{FirstNames[random.Next(FirstNames.Length)]},{LastNames[random.Next(LastNames.Length)]},{birth:yyyy-MM-dd},person{i}@example.org,{(random.Next(4) == 0 ? "es" : "en")}"));
            }
        }

        await using (var writer = new StreamWriter(coursesFile, false, new UTF8Encoding(false)))
        {
            await writer.WriteLineAsync("person_key,institution,course_number,title,units,unit_type,grade,term,category,completed_date,verification");
            for (var c = 0; c < courses; c++)
            {
                var person = (int)((long)c * people / courses);
                var (title, category) = CourseTitles[c % CourseTitles.Length];
                var year = 2000 + random.Next(25);
                await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"P{person:D7},Community College {random.Next(1, 60)},CD {c % 97},\"{title}\",3,Semester,A,Fall {year},{category},{year}-12-15,{(c % 3 == 0 ? "verified" : "")}"));
            }
        }
    }
}
