using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Registry.Web.Domain.Access;
using Registry.Web.Domain.Accounts;
using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.Documents;
using Registry.Web.Domain.Education;
using Registry.Web.Domain.Employers;
using Registry.Web.Domain.Employments;
using Registry.Web.Domain.History;
using Registry.Web.Domain.Professionals;
using Registry.Web.Domain.Training;
using Registry.Web.Infrastructure.Email;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Data;

/// <summary>
/// The registry's one data context, which is also the Identity store. Each database provider
/// has a subclass (<see cref="SqliteRegistryDbContext"/>, <see cref="SqlServerRegistryDbContext"/>)
/// that owns that provider's migrations; everything else takes this type.
/// </summary>
public abstract class RegistryDbContext
    : IdentityDbContext<RegistryUser, Microsoft.AspNetCore.Identity.IdentityRole, string, Microsoft.AspNetCore.Identity.IdentityUserClaim<string>,
        Microsoft.AspNetCore.Identity.IdentityUserRole<string>, Microsoft.AspNetCore.Identity.IdentityUserLogin<string>,
        Microsoft.AspNetCore.Identity.IdentityRoleClaim<string>, Microsoft.AspNetCore.Identity.IdentityUserToken<string>,
        Microsoft.AspNetCore.Identity.IdentityUserPasskey<string>>,
      IDataProtectionKeyContext
{
    private const string ConcurrencyStampProperty = "ConcurrencyStamp";

    private readonly TimeProvider _timeProvider;

    /// <summary>
    /// The clock stamps changed records; without one given, the app's (from the services the options
    /// carry, a singleton), else the system's. A pooled context keeps it for its whole life.
    /// </summary>
    protected RegistryDbContext(DbContextOptions options, TimeProvider? timeProvider)
        : base(options)
    {
        _timeProvider = timeProvider
            ?? options.FindExtension<Microsoft.EntityFrameworkCore.Infrastructure.CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<TimeProvider>()
            ?? TimeProvider.System;
    }

    public DbSet<Professional> Professionals => Set<Professional>();

    /// <summary>Merges of two profiles, kept so each can be undone for 30 days (decision 0031).</summary>
    public DbSet<ProfileMerge> ProfileMerges => Set<ProfileMerge>();

    public DbSet<Employer> Employers => Set<Employer>();

    public DbSet<EmployerNameWord> EmployerNameWords => Set<EmployerNameWord>();

    public DbSet<Employment> Employments => Set<Employment>();

    public DbSet<Degree> Degrees => Set<Degree>();

    public DbSet<Course> Courses => Set<Course>();

    public DbSet<Credential> Credentials => Set<Credential>();

    public DbSet<PermitApplication> PermitApplications => Set<PermitApplication>();

    public DbSet<TrainingRecord> TrainingRecords => Set<TrainingRecord>();

    public DbSet<Document> Documents => Set<Document>();

    public DbSet<DocumentAttachment> DocumentAttachments => Set<DocumentAttachment>();

    /// <summary>The history of every professional's record (written by <see cref="History.RecordHistoryInterceptor"/>).</summary>
    public DbSet<RecordChange> RecordChanges => Set<RecordChange>();

    /// <summary>Changes to confirmed or verified facts that undid the confirmation (issue 19): for directors and registry staff.</summary>
    public DbSet<Domain.Facts.FactChange> FactChanges => Set<Domain.Facts.FactChange>();

    /// <summary>Name and date-of-birth changes waiting for, or decided by, registry staff.</summary>
    public DbSet<Domain.Facts.NameChange> NameChanges => Set<Domain.Facts.NameChange>();

    /// <summary>Scoped access (a director's site, a rater's county), granted for a limited time.</summary>
    public DbSet<AccessGrant> AccessGrants => Set<AccessGrant>();

    public DbSet<AccessRequest> AccessRequests => Set<AccessRequest>();

    /// <summary>Sites on a stipend program's list of eligible sites.</summary>
    public DbSet<StipendEligibleSite> StipendEligibleSites => Set<StipendEligibleSite>();

    /// <summary>Every look at a professional's record by someone else.</summary>
    public DbSet<AccessLogEntry> AccessLog => Set<AccessLogEntry>();

    /// <summary>The reasons staff choose from when a document is not accepted.</summary>
    public DbSet<Domain.Verifications.ReviewReason> ReviewReasons => Set<Domain.Verifications.ReviewReason>();

    public DbSet<Domain.Calendar.Sponsor> Sponsors => Set<Domain.Calendar.Sponsor>();

    public DbSet<Domain.Calendar.SponsorMember> SponsorMembers => Set<Domain.Calendar.SponsorMember>();

    public DbSet<Domain.Calendar.TrainingEvent> TrainingEvents => Set<Domain.Calendar.TrainingEvent>();

    public DbSet<Domain.Calendar.TrainingSession> TrainingSessions => Set<Domain.Calendar.TrainingSession>();

    public DbSet<Domain.Calendar.TrainingEventWord> TrainingEventWords => Set<Domain.Calendar.TrainingEventWord>();

    public DbSet<Domain.Calendar.Registration> Registrations => Set<Domain.Calendar.Registration>();

    public DbSet<Domain.Calendar.Attendance> Attendance => Set<Domain.Calendar.Attendance>();

    public DbSet<Domain.Calendar.UnmatchedAttendance> UnmatchedAttendance => Set<Domain.Calendar.UnmatchedAttendance>();

    /// <summary>Census snapshots of the active workforce and their de-identified rows (reports read only these).</summary>
    public DbSet<Domain.Workforce.CensusSnapshot> CensusSnapshots => Set<Domain.Workforce.CensusSnapshot>();

    public DbSet<Domain.Workforce.CensusRecord> CensusRecords => Set<Domain.Workforce.CensusRecord>();

    public DbSet<Domain.Workforce.CensusCell> CensusCells => Set<Domain.Workforce.CensusCell>();

    /// <summary>Data quality passes over every record, and what failed in the latest.</summary>
    public DbSet<Domain.DataQuality.DataQualityRun> DataQualityRuns => Set<Domain.DataQuality.DataQualityRun>();

    public DbSet<Domain.DataQuality.DataQualityFailure> DataQualityFailures => Set<Domain.DataQuality.DataQualityFailure>();

    public DbSet<Domain.DataQuality.DataQualityCountyCount> DataQualityCountyCounts => Set<Domain.DataQuality.DataQualityCountyCount>();

    /// <summary>Optional kinds of message a person has turned off.</summary>
    public DbSet<Domain.Messages.MessageOptOut> MessageOptOuts => Set<Domain.Messages.MessageOptOut>();

    /// <summary>Reminders the registry sent on its own, each once.</summary>
    public DbSet<Domain.Messages.ReminderSent> RemindersSent => Set<Domain.Messages.ReminderSent>();

    public DbSet<SignUpDraft> SignUpDrafts => Set<SignUpDraft>();

    public DbSet<Domain.Messages.Announcement> Announcements => Set<Domain.Messages.Announcement>();

    public DbSet<Domain.Messages.AnnouncementRecipient> AnnouncementRecipients => Set<Domain.Messages.AnnouncementRecipient>();

    public DbSet<Domain.Employers.SiteRatingDate> SiteRatingDates => Set<Domain.Employers.SiteRatingDate>();

    /// <summary>Each person's rule results, worked out when their facts change (rosters read these).</summary>
    public DbSet<Domain.Rules.QualificationSummary> QualificationSummaries => Set<Domain.Rules.QualificationSummary>();

    public DbSet<Infrastructure.Jobs.JobLease> JobLeases => Set<Infrastructure.Jobs.JobLease>();

    public DbSet<UndeliverableAddress> UndeliverableAddresses => Set<UndeliverableAddress>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<OutboxAttempt> OutboxAttempts => Set<OutboxAttempt>();

    /// <summary>Signed-in browsers: every request checks its session (sign-out, lifetime, ended elsewhere).</summary>
    public DbSet<Domain.Accounts.AccountSession> AccountSessions => Set<Domain.Accounts.AccountSession>();

    /// <summary>The append-only security audit.</summary>
    public DbSet<Domain.Accounts.SecurityEvent> SecurityEvents => Set<Domain.Accounts.SecurityEvent>();

    /// <summary>Failed sign-in tries by email and client address (hashed), for pauses that tell nothing.</summary>
    public DbSet<Domain.Accounts.SignInThrottle> SignInThrottles => Set<Domain.Accounts.SignInThrottle>();

    /// <summary>Data Protection keys, shared by every app instance (cookies and email links work on any of them).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>The keys the registry signs credentials with (decision 0053).</summary>
    public DbSet<Domain.Signed.SigningKey> SigningKeys => Set<Domain.Signed.SigningKey>();

    /// <summary>Signed credentials people asked for, and their place in the status lists.</summary>
    public DbSet<Domain.Signed.IssuedCredential> IssuedCredentials => Set<Domain.Signed.IssuedCredential>();

    /// <summary>Records people brought from another registry, waiting for review or applied.</summary>
    public DbSet<Domain.Signed.RecordImport> RecordImports => Set<Domain.Signed.RecordImport>();

    /// <summary>Bulk loads of people from CSV files, and their dry runs (issue 25).</summary>
    public DbSet<Domain.BulkLoads.PeopleImport> PeopleImports => Set<Domain.BulkLoads.PeopleImport>();

    /// <summary>Invitations to claim an account a bulk load created without a password.</summary>
    public DbSet<Domain.BulkLoads.AccountInvitation> AccountInvitations => Set<Domain.BulkLoads.AccountInvitation>();

    /// <summary>
    /// Identity's third schema (passkeys). Identity reads it from the app's options; a context
    /// built without the app (design-time factories, tools, tests) gets the same options here.
    /// </summary>
    private static readonly IServiceProvider IdentitySchemaServices = new Microsoft.Extensions.DependencyInjection.ServiceCollection()
        .Configure<Microsoft.AspNetCore.Identity.IdentityOptions>(o => o.Stores.SchemaVersion = Microsoft.AspNetCore.Identity.IdentitySchemaVersions.Version3)
        .BuildServiceProvider();

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        base.OnConfiguring(optionsBuilder);
        if (optionsBuilder.Options.FindExtension<Microsoft.EntityFrameworkCore.Infrastructure.CoreOptionsExtension>()?.ApplicationServiceProvider is null)
        {
            optionsBuilder.UseApplicationServiceProvider(IdentitySchemaServices);
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // Identity's third schema also shortens a few key columns; existing databases keep them as
        // they were (on SQL Server a primary key column cannot simply be altered).
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserToken<string>>(b =>
        {
            b.Property(t => t.LoginProvider).Metadata.SetMaxLength(null);
            b.Property(t => t.Name).Metadata.SetMaxLength(null);
        });
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserLogin<string>>(b =>
        {
            b.Property(l => l.LoginProvider).Metadata.SetMaxLength(null);
            b.Property(l => l.ProviderKey).Metadata.SetMaxLength(null);
        });
        builder.Entity<RegistryUser>().Property(u => u.PhoneNumber).Metadata.SetMaxLength(null);
        builder.ApplyConfigurationsFromAssembly(typeof(RegistryDbContext).Assembly);

        // The bulk load of people marks what it created with its run (issue 25): a column the domain never reads.
        foreach (var imported in new[] { typeof(Professional), typeof(Degree), typeof(Course), typeof(Credential), typeof(TrainingRecord), typeof(Employment) })
        {
            builder.Entity(imported).Property<int?>(Domain.BulkLoads.PeopleImport.SourceProperty);
        }
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampModifiedRecords();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampModifiedRecords();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <summary>
    /// Every record with a <c>ConcurrencyStamp</c> gets a new one when it changes, so a second
    /// person saving over a stale copy gets a concurrency error instead of silently winning.
    /// </summary>
    private void StampModifiedRecords()
    {
        if (!ChangeTracker.AutoDetectChangesEnabled)
        {
            return;
        }

        ChangeTracker.DetectChanges();
        var now = _timeProvider.GetUtcNow();
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.Entity is Domain.Accounts.SecurityEvent && entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException("The security audit is append-only: an entry cannot be changed or removed.");
            }

            if (entry.State != EntityState.Modified)
            {
                continue;
            }

            if (entry.Metadata.FindProperty(ConcurrencyStampProperty) is { ClrType: var type } && type == typeof(Guid))
            {
                entry.Property(ConcurrencyStampProperty).CurrentValue = Guid.NewGuid();
            }

            if (entry.Entity is Professional professional)
            {
                professional.Touch(now);
            }
        }
    }
}

public static class RegistryDbContextExtensions
{
    /// <summary>
    /// Removes the one entity the query finds (false when none), through the change tracker so
    /// that the record's history sees the removal.
    /// </summary>
    public static async Task<bool> RemoveOneAsync<T>(this RegistryDbContext db, IQueryable<T> query, CancellationToken ct)
        where T : class
    {
        if (await query.SingleOrDefaultAsync(ct) is not { } entity)
        {
            return false;
        }

        db.Remove(entity);
        await db.SaveChangesAsync(ct);
        return true;
    }
}
