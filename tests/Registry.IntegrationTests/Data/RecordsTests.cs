using Microsoft.EntityFrameworkCore;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.Education;
using Registry.Web.Domain.Employments;
using Registry.Web.Domain.Professionals;
using Registry.Web.Domain.Training;
using Registry.Web.Domain.Verifications;
using Registry.Web.Infrastructure.Security;

namespace Registry.IntegrationTests.Data;

/// <summary>A professional's whole record goes into the database and comes back as it was.</summary>
public sealed class RecordsTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await _database.ImportAsync(new CcldFile().Site("380500086", "SUNSHINE PRESCHOOL").ToBytes());
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_whole_record_round_trips()
    {
        int employerId;
        await using (var db = _database.CreateContext())
        {
            employerId = await db.Employers.Select(e => e.Id).SingleAsync();
            var professional = NewProfessional(db, "maria@example.org", RegistryId.FromSerial(1000001));
            professional.SetRaceEthnicity([new(RaceEthnicityCategory.HispanicOrLatino, "Mexican"), new(RaceEthnicityCategory.White, null)], declined: false);
            professional.SetLanguagesSpoken(["Spanish", "English", "spanish"]);
            professional.MailingAddress = new Address("1 Main St", null, "San Francisco", "CA", "94110");

            var job = Employment.AtListedEmployer(employerId, EmploymentRole.LeadTeacher, new DateOnly(2020, 8, 17), new EmploymentSchedule(5, 7.5m));
            job.Describe(supervisesAdults: true, AgeGroups.Toddlers | AgeGroups.Preschool, 24.75m, null);
            professional.AddEmployment(job);
            professional.AddEmployment(Employment.AtUnlistedEmployer(new UnlistedEmployer("Tiny Tots", "9 Elm St", "Daly City"), EmploymentRole.Assistant, new DateOnly(2018, 1, 8), new EmploymentSchedule(3, 4)));
            professional.AddDegree(new Degree(DegreeLevel.Associate, "Child Development", "City College of San Francisco", new DateOnly(2019, 5, 24)));
            professional.AddCourse(new Course("City College of San Francisco", "CDEV 53", "Child Growth and Development", 3m, UnitType.Semester, "A", "Fall 2017", CourseCategory.ChildGrowthAndDevelopment));
            professional.AddCredential(new Credential(CredentialType.ChildDevelopmentTeacherPermit, "240012345", "Commission on Teacher Credentialing", new DateOnly(2022, 3, 1), new DateOnly(2027, 3, 1)));
            professional.AddTrainingRecord(new TrainingRecord("Positive Guidance", "SF Child Care Council", new DateOnly(2026, 2, 7), 3.5m, "Social-emotional", "Spanish", DeliveryMode.InPerson, TrainingTrustLevel.SponsorVerified));
            await db.SaveChangesAsync();
        }

        await using (var db = _database.CreateContext())
        {
            var saved = await db.Professionals
                .Include(p => p.RaceEthnicities).Include(p => p.LanguagesSpoken).Include(p => p.Employments)
                .Include(p => p.Degrees).Include(p => p.Courses).Include(p => p.Credentials).Include(p => p.TrainingRecords)
                .AsSplitQuery()
                .SingleAsync(p => p.RegistryId == RegistryId.FromSerial(1000001));

            Assert.Equal("MARIA JOSE", saved.NormalizedFirstName);
            Assert.Equal("PENA RUIZ", saved.NormalizedLastName);
            Assert.Equal(new Address("1 Main St", null, "San Francisco", "CA", "94110"), saved.MailingAddress);
            Assert.Equal([RaceEthnicityCategory.HispanicOrLatino, RaceEthnicityCategory.White], saved.RaceEthnicities.Select(r => r.Category).Order());
            Assert.Equal("Mexican", saved.RaceEthnicities.Single(r => r.Category == RaceEthnicityCategory.HispanicOrLatino).Detail);
            Assert.Equal(["English", "Spanish"], saved.LanguagesSpoken.Select(l => l.Language).Order());

            var job = saved.Employments.Single(e => e.EmployerId == employerId);
            Assert.Equal(new EmploymentSchedule(5, 7.5m), job.Schedule);
            Assert.Equal(AgeGroups.Toddlers | AgeGroups.Preschool, job.AgeGroupsServed);
            Assert.Equal(24.75m, job.HourlyWage);
            Assert.True(job.SupervisesAdults);
            Assert.Equal(VerificationStatus.SelfReported, job.Verification.Status);
            Assert.Equal(new UnlistedEmployer("Tiny Tots", "9 Elm St", "Daly City"), saved.Employments.Single(e => e.EmployerId is null).UnlistedEmployer);

            Assert.Equal(3m, saved.Courses.Single().Units);
            Assert.Equal(new DateOnly(2027, 3, 1), saved.Credentials.Single().ExpiresOn);
            Assert.Equal(3.5m, saved.TrainingRecords.Single().ClockHours);
            Assert.Equal(TrainingTrustLevel.SponsorVerified, saved.TrainingRecords.Single().TrustLevel);
        }
    }

    [Fact]
    public async Task Two_people_saving_the_same_record_cannot_silently_overwrite_each_other()
    {
        await using (var db = _database.CreateContext())
        {
            NewProfessional(db, "ana@example.org", RegistryId.FromSerial(1000002));
            await db.SaveChangesAsync();
        }

        await using var first = _database.CreateContext();
        await using var second = _database.CreateContext();
        var mine = await first.Professionals.SingleAsync();
        var theirs = await second.Professionals.SingleAsync();

        mine.Phone = "415-555-0100";
        await first.SaveChangesAsync();
        theirs.Phone = "415-555-0199";

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
    }

    [Fact]
    public async Task A_registry_id_is_never_given_twice()
    {
        await using var db = _database.CreateContext();
        NewProfessional(db, "one@example.org", RegistryId.FromSerial(1000003));
        NewProfessional(db, "two@example.org", RegistryId.FromSerial(1000003));

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task A_site_named_in_someone_s_history_cannot_be_deleted()
    {
        await using var db = _database.CreateContext();
        var employer = await db.Employers.SingleAsync();
        var professional = NewProfessional(db, "jo@example.org", RegistryId.FromSerial(1000004));
        professional.AddEmployment(Employment.AtListedEmployer(employer.Id, EmploymentRole.Teacher, new DateOnly(2021, 1, 4), new EmploymentSchedule(5, 8)));
        await db.SaveChangesAsync();

        db.Employers.Remove(employer);

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    private Professional NewProfessional(Registry.Web.Data.RegistryDbContext db, string email, string registryId)
    {
        var user = new RegistryUser { UserName = email, Email = email, NormalizedEmail = email.ToUpperInvariant(), NormalizedUserName = email.ToUpperInvariant() };
        db.Users.Add(user);
        var professional = new Professional(
            registryId,
            user.Id,
            new PersonName("María José", null, "Peña-Ruiz", "Lopez"),
            new DateOnly(1990, 4, 12),
            email,
            _database.Time.GetUtcNow());
        db.Professionals.Add(professional);
        return professional;
    }
}
