using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain.BulkLoads;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.PeopleImports;

/// <summary>
/// <c>dotnet run --project src/Registry.Web -- import-people FILE... --by STAFF-EMAIL [--dry-run] [--rejects OUT.csv]</c>:
/// the bulk load from the command line, for files too large to upload; prints what it did.
/// </summary>
public static class ImportPeopleCommand
{
    public const string Name = "import-people";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken ct)
    {
        var files = new List<string>();
        string? by = null;
        string? rejectsPath = null;
        var dryRun = false;
        var usage = false;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--dry-run": dryRun = true; break;
                case "--by" when i + 1 < args.Length: by = args[++i]; break;
                case "--rejects" when i + 1 < args.Length: rejectsPath = args[++i]; break;
                case var option when option.StartsWith("--", StringComparison.Ordinal): usage = true; break;
                default: files.Add(args[i]); break;
            }
        }

        if (usage || files.Count == 0 || by is null)
        {
            await output.WriteLineAsync($"Usage: {Name} FILE... --by STAFF-EMAIL [--dry-run] [--rejects OUT.csv]");
            await output.WriteLineAsync("  FILE        CSV files in the layouts of docs/import-format.md (one people file, any fact files)");
            await output.WriteLineAsync("  --by        the registry staff member who vouches for what the files mark verified");
            await output.WriteLineAsync("  --dry-run   check and report; change nothing");
            await output.WriteLineAsync("  --rejects   write the rejected rows (file, line, column, reason) to this CSV file");
            return 2;
        }

        var missing = files.Where(f => !File.Exists(f)).ToList();
        if (missing.Count > 0)
        {
            await output.WriteLineAsync("No such file: " + string.Join(", ", missing));
            return 2;
        }

        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<RegistryUser>>();
        var staff = await users.FindByEmailAsync(by);
        if (staff is null || !(await users.IsInRoleAsync(staff, Roles.RegistryStaff) || await users.IsInRoleAsync(staff, Roles.Administrator)))
        {
            await output.WriteLineAsync($"{by} is not a registry staff account: only registry staff may load people.");
            return 2;
        }

        var names = files.Select(Path.GetFileName).OfType<string>().ToList();
        var import = new PeopleImport(staff.Id, staff.Email ?? by, string.Join(", ", names), dryRun, scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow());
        db.PeopleImports.Add(import);
        var audit = scope.ServiceProvider.GetRequiredService<SecurityAudit>();
        audit.CommandLineActor = SecurityAudit.CommandLine();
        audit.Add(Domain.Accounts.SecurityEventKind.PeopleImported, staff.Id, staff.Email, $"{(dryRun ? "dry run" : "load")} of {import.Files}");
        await db.SaveChangesAsync(ct);

        await scope.ServiceProvider.GetRequiredService<PeopleImporter>().RunAsync(import.Id, files.Select(f => new ImportFile(Path.GetFileName(f), Path.GetFullPath(f))).ToList(), ct);
        var done = await db.PeopleImports.AsNoTracking().SingleAsync(i => i.Id == import.Id, ct);
        if (done.Rejects is { } rejects)
        {
            if (rejectsPath is not null)
            {
                await File.WriteAllTextAsync(rejectsPath, rejects, ct);
            }
            else
            {
                await output.WriteAsync(rejects);
            }
        }

        if (done.Status == PeopleImportStatus.Failed)
        {
            await output.WriteLineAsync($"Import {done.Id}: {done.Failure}");
            return 1;
        }

        await output.WriteLineAsync(
            $"Import {done.Id} ({(dryRun ? "dry run: nothing changed" : "loaded")}): {done.PeopleInFiles} people in the files; {done.PeopleCreated} new, {done.PeopleMatched} found by email, " +
            $"{done.PossibleDuplicates} flagged as possible duplicates, {done.PeopleRejected} left out; {done.FactsAdded} facts{(dryRun ? " to add" : " added")}, " +
            $"{done.FactsAlreadyThere} already there; {done.RowsRejected} problems reported.");
        return done.RowsRejected == 0 ? 0 : 1;
    }
}
