using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.Web.Data;
using Registry.Web.Domain.Access;
using Registry.Web.Domain.Employments;
using Registry.Web.Domain.Professionals;
using Registry.Web.Infrastructure.Security;

namespace Registry.IntegrationTests.Infrastructure;

/// <summary>Accounts in the roles that see other people's records, signed in through the real form.</summary>
public static class People
{
    /// <summary>A signed-in account with a registry-wide role (no professional record of its own), signed in with its second factor.</summary>
    public static async Task<(HttpClient Client, string UserId)> SignedInWithRoleAsync(this RegistryAppFactory app, string role)
    {
        var email = $"{role.ToLowerInvariant()}.{Guid.NewGuid():N}@example.org";
        string userId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<RegistryUser>>();
            var user = new RegistryUser { UserName = email, Email = email, EmailConfirmed = true };
            Assert.True((await users.CreateAsync(user, TestAccounts.Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
            userId = user.Id;
        }

        var key = await app.EnableAsync(userId);
        var client = app.CreateBrowserLikeClient();
        var response = await app.SignInAsync(client, email, userId: userId, key: key);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/my-registry", response.Headers.Location?.OriginalString);
        return (client, userId);
    }

    /// <summary>A professional holding access of <paramref name="role"/> to a site (or a county), signed in with their second factor.</summary>
    public static async Task<(HttpClient Client, int ProfessionalId)> SignedInWithGrantAsync(this RegistryAppFactory app, AccessRole role, int? employerId, string? county = null)
    {
        var (email, userId, professionalId) = await app.ProfessionalAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var now = DateTimeOffset.UtcNow;
            db.AccessGrants.Add(employerId is { } id
                ? AccessGrant.ForSite(userId, role, id, now.AddDays(-1), now.AddDays(365))
                : AccessGrant.ForCounty(userId, role, county!, now.AddDays(-1), now.AddDays(365)));
            await db.SaveChangesAsync();
        }

        var key = await app.EnableAsync(userId);
        var client = app.CreateBrowserLikeClient();
        var response = await app.SignInAsync(client, email, userId: userId, key: key);
        Assert.Equal("/my-registry", response.Headers.Location?.OriginalString);
        return (client, professionalId);
    }

    public static async Task<int> EmployerIdAsync(this RegistryAppFactory app, string licenseNumber)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Employers.Where(e => e.LicenseNumber == licenseNumber).Select(e => e.Id).SingleAsync();
    }

    /// <summary>Professionals (made directly in the database) who name the site as their current employer.</summary>
    public static async Task<IReadOnlyList<int>> StaffAtAsync(this RegistryAppFactory app, int employerId, int count, bool confirmed = false, string lastName = "Staff", EmploymentRole role = EmploymentRole.Teacher)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<RegistryUser>>();
        var people = new List<Professional>();
        for (var i = 0; i < count; i++)
        {
            var email = $"staff.{Guid.NewGuid():N}@example.org";
            var user = new RegistryUser { UserName = email, Email = email, EmailConfirmed = true };
            Assert.True((await users.CreateAsync(user, TestAccounts.Password)).Succeeded);
            var professional = new Professional(await TestRegistryIds.NextAsync(db), user.Id, new PersonName($"Person{i}", null, lastName), new DateOnly(1990, 1, 1), email, DateTimeOffset.UtcNow);
            var job = Employment.AtListedEmployer(employerId, role, TestClock.Today.AddYears(-2), new EmploymentSchedule(5, 8));
            if (confirmed)
            {
                job.ConfirmByEmployer("seed", DateTimeOffset.UtcNow);
            }

            professional.AddEmployment(job);
            db.Professionals.Add(professional);
            people.Add(professional);
        }

        await db.SaveChangesAsync();
        return people.Select(p => p.Id).ToList();
    }
}

/// <summary>Training sponsors, their people and events, made directly in the database for tests that start after the approvals.</summary>
public static class Sponsoring
{
    /// <summary>An approved sponsor whose manager is the professional's account, with approved instructors (allowed to manage events or not).</summary>
    public static async Task<int> SponsorAsync(this RegistryAppFactory app, int managerProfessionalId, params (int ProfessionalId, bool CanManageEvents)[] instructors)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var now = DateTimeOffset.UtcNow;
        var managerUser = await db.Professionals.Where(p => p.Id == managerProfessionalId).Select(p => p.UserId).SingleAsync();
        var sponsor = new Registry.Web.Domain.Calendar.Sponsor($"Sponsor {Guid.NewGuid():N}"[..20], "events@example.org", null, "San Francisco", null, managerUser, now);
        sponsor.Approve("seed", now);
        db.Sponsors.Add(sponsor);
        await db.SaveChangesAsync();
        var manager = new Registry.Web.Domain.Calendar.SponsorMember(sponsor.Id, managerUser, Registry.Web.Domain.Calendar.SponsorRole.Manager, now);
        manager.Approve(now, true);
        db.SponsorMembers.Add(manager);
        foreach (var (professionalId, canManage) in instructors)
        {
            var userId = await db.Professionals.Where(p => p.Id == professionalId).Select(p => p.UserId).SingleAsync();
            var member = new Registry.Web.Domain.Calendar.SponsorMember(sponsor.Id, userId, Registry.Web.Domain.Calendar.SponsorRole.Instructor, now);
            member.Approve(now, canManage);
            db.SponsorMembers.Add(member);
        }

        await db.SaveChangesAsync();
        foreach (var member in await db.SponsorMembers.Where(m => m.SponsorId == sponsor.Id).Select(m => m.UserId).ToListAsync())
        {
            await app.ProveInCurrentSessionsAsync(member);
        }

        return sponsor.Id;
    }

    /// <summary>A published in-person event of the sponsor: one 3-hour session in a week, 10 places.</summary>
    public static async Task<int> EventAsync(this RegistryAppFactory app, int sponsorId, string title = "Supporting Dual Language Learners", int capacity = 10, DateOnly? day = null, int withdrawalDays = 2)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var on = day ?? TestClock.Today.AddDays(7);
        var details = new Registry.Web.Domain.Calendar.TrainingEventDetails(title, "Practical strategies.", Registry.Web.Domain.Calendar.TrainingTopic.DualLanguageLearners, "en",
            Registry.Web.Domain.Calendar.TrainingAudience.Everyone, false, "1 Main St", "San Francisco", "San Francisco", capacity, 0, on, withdrawalDays);
        var created = new Registry.Web.Domain.Calendar.TrainingEvent(sponsorId, details, [(on, new TimeOnly(9, 0), new TimeOnly(12, 0))], DateTimeOffset.UtcNow);
        db.TrainingEvents.Add(created);
        await db.SaveChangesAsync();
        return created.Id;
    }

    /// <summary>Someone who asked to join the sponsor as an instructor and is not approved yet; returns the membership's id.</summary>
    public static async Task<int> InstructorRequestAsync(this RegistryAppFactory app, int sponsorId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<RegistryUser>>();
        var email = $"instructor.{Guid.NewGuid():N}@example.org";
        var user = new RegistryUser { UserName = email, Email = email, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, TestAccounts.Password)).Succeeded);
        var member = new Registry.Web.Domain.Calendar.SponsorMember(sponsorId, user.Id, Registry.Web.Domain.Calendar.SponsorRole.Instructor, DateTimeOffset.UtcNow);
        db.SponsorMembers.Add(member);
        await db.SaveChangesAsync();
        return member.Id;
    }
}

public static class Registering
{
    /// <summary>Registers the professional for the event directly (for tests about what happens after).</summary>
    public static async Task RegisterAsync(this RegistryAppFactory app, int eventId, int professionalId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        if (!await db.Registrations.AnyAsync(r => r.EventId == eventId && r.ProfessionalId == professionalId))
        {
            db.Registrations.Add(new Registry.Web.Domain.Calendar.Registration(eventId, professionalId, Registry.Web.Domain.Calendar.RegistrationStatus.Registered, "seed", DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }
    }
}
