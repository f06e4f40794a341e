using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain.Education;
using Registry.Web.Domain.Verifications;
using Registry.Web.Infrastructure.Forms;
using Registry.Web.Infrastructure.History;

namespace Registry.Web.Features.Education;

/// <summary>My Registry's education section: degrees and courses, with the running unit totals.</summary>
public static class Courses
{
    public sealed record CourseView(int Id, string Institution, string? CourseNumber, string Title, decimal Units, UnitType UnitType, decimal SemesterUnits, string? Grade, string? Term, CourseCategory Category, DateOnly? CompletedOn, VerificationStatus Status, string? StatusReason, int? QueuePosition);

    public sealed record ViewModel(IReadOnlyList<CourseView> Courses, UnitTotals Totals, IReadOnlyDictionary<int, CourseExclusion> NotCounted);

    public sealed class Handler(RegistryDbContext db, FactChangeLog facts)
    {
        public async Task<ViewModel> ListAsync(int professionalId, CancellationToken ct)
        {
            var courses = await db.Courses.AsNoTracking().Where(c => c.ProfessionalId == professionalId).OrderBy(c => c.Id).ToListAsync(ct);
            var totals = UnitTotals.Compute(courses);

            // Only the person's own pending entries (a handful) ask for their place in the queue.
            var positions = new Dictionary<int, int>();
            foreach (var pending in courses.Where(c => c.Verification is { Status: VerificationStatus.PendingReview, At: not null }))
            {
                positions[pending.Id] = await db.QueuePositionAsync(pending.Verification.At!.Value, ct);
            }

            return new ViewModel(
                courses.Select(c => new CourseView(c.Id, c.Institution, c.CourseNumber, c.Title, c.Units, c.UnitType, c.SemesterUnits, c.Grade, c.Term, c.Category, c.CompletedOn, c.Verification.Status, c.Verification.Reason, positions.TryGetValue(c.Id, out var p) ? p : null)).ToList(),
                totals,
                totals.NotCounted.ToDictionary(n => n.Course.Id, n => n.Reason));
        }

        public Task<Course?> FindAsync(int professionalId, int courseId, CancellationToken ct) =>
            db.Courses.SingleOrDefaultAsync(c => c.Id == courseId && c.ProfessionalId == professionalId, ct);

        public async Task AddAsync(int professionalId, CourseFields.Form form, CancellationToken ct)
        {
            var professional = await db.Professionals.SingleAsync(p => p.Id == professionalId, ct);
            professional.AddCourse(ToCourse(form));
            await db.SaveChangesAsync(ct);
        }

        public async Task<bool> UpdateAsync(int professionalId, int courseId, CourseFields.Form form, CancellationToken ct)
        {
            if (await FindAsync(professionalId, courseId, ct) is not { } course)
            {
                return false;
            }

            var watch = Domain.Facts.FactWatch.Before(course);
            course.Update(form.Institution!, form.CourseNumber, form.Title!, FormRules.ParseDecimal(form.Units)!.Value, form.ParsedUnitType!.Value, FormRules.Blank(form.Grade), form.Term, form.ParsedCategory!.Value, form.CompletedOn);
            facts.Record(watch, course);
            await db.SaveChangesAsync(ct);
            return true;
        }

        public Task<bool> RemoveAsync(int professionalId, int courseId, CancellationToken ct) =>
            db.RemoveOneAsync(db.Courses.Where(c => c.Id == courseId && c.ProfessionalId == professionalId), ct);

        private static Course ToCourse(CourseFields.Form form) =>
            new(form.Institution!, form.CourseNumber, form.Title!, FormRules.ParseDecimal(form.Units)!.Value, form.ParsedUnitType!.Value, FormRules.Blank(form.Grade), form.Term, form.ParsedCategory!.Value, form.CompletedOn);
    }
}
