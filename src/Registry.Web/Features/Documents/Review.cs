using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain.Documents;
using Registry.Web.Domain.Verifications;

namespace Registry.Web.Features.Documents;

/// <summary>
/// Sending an entry for review with a document that proves it, the queue position people see,
/// and registry staff's decision (the staff screens come later; tests decide through here).
/// </summary>
public sealed class Review(RegistryDbContext db, TimeProvider time)
{
    public sealed record Choice(ProvableEntry Kind, int Id, string Label);

    /// <summary>The person's entries a document can be attached to.</summary>
    public async Task<IReadOnlyList<Choice>> ChoicesAsync(int professionalId, CancellationToken ct)
    {
        var courses = await db.Courses.AsNoTracking().Where(c => c.ProfessionalId == professionalId)
            .Select(c => new Choice(ProvableEntry.Course, c.Id, c.Title + " (" + c.Institution + ")")).ToListAsync(ct);
        var credentials = await db.Credentials.AsNoTracking().Where(c => c.ProfessionalId == professionalId)
            .Select(c => new { c.Id, c.Type, c.Description, c.Number }).ToListAsync(ct);
        return [.. courses, .. credentials.Select(c => new Choice(ProvableEntry.Credential, c.Id, (c.Description ?? c.Type.ToString()) + (c.Number is null ? "" : " " + c.Number)))];
    }

    /// <summary>Attaches the document and marks the entry pending review. False if either is not the person's.</summary>
    /// <summary>Whether the document is the person's own (anyone else's answers as if it did not exist).</summary>
    public Task<bool> OwnsAsync(int professionalId, int documentId, CancellationToken ct) =>
        db.Documents.AnyAsync(d => d.Id == documentId && d.ProfessionalId == professionalId, ct);

    public async Task<bool> SubmitAsync(int professionalId, string userId, int documentId, ProvableEntry kind, int entryId, CancellationToken ct)
    {
        if (!await OwnsAsync(professionalId, documentId, ct))
        {
            return false;
        }

        IVerifiable? entry = kind switch
        {
            ProvableEntry.Course => await db.Courses.SingleOrDefaultAsync(c => c.Id == entryId && c.ProfessionalId == professionalId, ct),
            ProvableEntry.Credential => await db.Credentials.SingleOrDefaultAsync(c => c.Id == entryId && c.ProfessionalId == professionalId, ct),
            _ => null,
        };
        if (entry is null)
        {
            return false;
        }

        if (!await db.DocumentAttachments.AnyAsync(a => a.DocumentId == documentId && a.EntryKind == kind && a.EntryId == entryId, ct))
        {
            db.DocumentAttachments.Add(new DocumentAttachment(documentId, kind, entryId));
        }

        if (entry.Verification.Status != VerificationStatus.Verified)
        {
            Record(entry, Verification.PendingReview(userId, time.GetUtcNow()));
        }

        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>An entry waiting for review; <see cref="IsYours"/>: the reviewer's own, which another staff member decides.</summary>
    public sealed record QueueItem(ProvableEntry Kind, int EntryId, int ProfessionalId, string PersonName, string RegistryId, string PreferredLanguage, string Entry, DateTimeOffset SubmittedAt, IReadOnlyList<(int Id, string FileName)> Documents, bool IsYours);

    /// <summary>The staff queue: entries pending review, oldest first, each with the documents attached to prove it.</summary>
    public async Task<(IReadOnlyList<QueueItem> Items, int Total)> QueueAsync(int take, string reviewerUserId, CancellationToken ct)
    {
        var pending = VerificationStatus.PendingReview;
        var courses = await db.Courses.AsNoTracking().Where(c => c.Verification.Status == pending).OrderBy(c => c.Verification.At).Take(take)
            .Select(c => new { Kind = ProvableEntry.Course, c.Id, c.ProfessionalId, At = c.Verification.At, Entry = c.Title + " · " + c.Institution + " · " + c.Units + " " + c.UnitType + " · " + (c.Grade ?? "—") + " · " + (c.Term ?? "") })
            .ToListAsync(ct);
        var credentials = await db.Credentials.AsNoTracking().Where(c => c.Verification.Status == pending).OrderBy(c => c.Verification.At).Take(take)
            .Select(c => new { Kind = ProvableEntry.Credential, c.Id, c.ProfessionalId, At = c.Verification.At, Entry = c.Type + " · " + (c.Number ?? "") + " · " + c.IssuingBody + " · " + c.IssuedOn + " – " + c.ExpiresOn })
            .ToListAsync(ct);
        var items = courses.Concat(credentials).OrderBy(i => i.At).Take(take).ToList();
        var total = await db.Courses.CountAsync(c => c.Verification.Status == pending, ct) + await db.Credentials.CountAsync(c => c.Verification.Status == pending, ct);
        var people = items.Select(i => i.ProfessionalId).Distinct().ToList();
        var names = await db.Professionals.AsNoTracking().Where(p => EF.Parameter(people).Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => new { Name = p.FirstName + " " + p.LastName, p.RegistryId, p.PreferredLanguage, p.UserId }, ct);
        var entryIds = items.Select(i => i.Id).Distinct().ToList();
        var attachments = (await db.DocumentAttachments.AsNoTracking().Where(a => EF.Parameter(entryIds).Contains(a.EntryId))
            .Join(db.Documents, a => a.DocumentId, d => d.Id, (a, d) => new { a.EntryKind, a.EntryId, d.Id, d.FileName })
            .ToListAsync(ct)).ToLookup(a => (a.EntryKind, a.EntryId), a => (a.Id, a.FileName));
        return (items.Select(i => new QueueItem(i.Kind, i.Id, i.ProfessionalId, names[i.ProfessionalId].Name, names[i.ProfessionalId].RegistryId, names[i.ProfessionalId].PreferredLanguage, i.Entry, i.At ?? DateTimeOffset.MinValue, attachments[(i.Kind, i.Id)].ToList(),
            !SeparationOfDuties.MayDecide(reviewerUserId, names[i.ProfessionalId].UserId))).ToList(), total);
    }

    public Task<bool> IsPendingAsync(ProvableEntry kind, int entryId, CancellationToken ct) => kind switch
    {
        ProvableEntry.Course => db.Courses.AnyAsync(c => c.Id == entryId && c.Verification.Status == VerificationStatus.PendingReview, ct),
        ProvableEntry.Credential => db.Credentials.AnyAsync(c => c.Id == entryId && c.Verification.Status == VerificationStatus.PendingReview, ct),
        _ => Task.FromResult(false),
    };

    /// <summary>Whether the entry is the reviewer's own (registry staff keep records too): someone else decides it.</summary>
    public async Task<bool> IsOwnAsync(ProvableEntry kind, int entryId, string reviewerUserId, CancellationToken ct)
    {
        var owner = kind switch
        {
            ProvableEntry.Course => db.Courses.Where(c => c.Id == entryId).Select(c => c.ProfessionalId),
            ProvableEntry.Credential => db.Credentials.Where(c => c.Id == entryId).Select(c => c.ProfessionalId),
            _ => db.Courses.Where(c => false).Select(c => c.ProfessionalId),
        };
        var userId = await db.Professionals.Where(p => owner.Contains(p.Id)).Select(p => p.UserId).FirstOrDefaultAsync(ct);
        return userId is not null && !SeparationOfDuties.MayDecide(reviewerUserId, userId);
    }

    /// <summary>Registry staff's decision on an entry (never their own: <see cref="IsOwnAsync"/>).</summary>
    public async Task DecideAsync(ProvableEntry kind, int entryId, Verification decision, CancellationToken ct)
    {
        IVerifiable entry = kind switch
        {
            ProvableEntry.Course => await db.Courses.SingleAsync(c => c.Id == entryId, ct),
            _ => await db.Credentials.SingleAsync(c => c.Id == entryId, ct),
        };
        var ownerId = entry is Domain.Education.Course course ? course.ProfessionalId : ((Domain.Credentials.Credential)entry).ProfessionalId;
        var ownerUserId = await db.Professionals.Where(p => p.Id == ownerId).Select(p => p.UserId).SingleAsync(ct);
        if (!SeparationOfDuties.MayDecide(decision.ByUserId ?? string.Empty, ownerUserId))
        {
            throw new InvalidOperationException("Nobody decides their own entry; the caller checks IsOwnAsync first.");
        }

        Record(entry, decision);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The staff queue's page: the first 50 entries, and the reasons staff may give for not accepting one.</summary>
    public async Task<ReviewPage> PageAsync(string reviewerUserId, CancellationToken ct)
    {
        var (items, total) = await QueueAsync(50, reviewerUserId, ct);
        return new ReviewPage(items, total, await db.ReviewReasons.AsNoTracking().Where(r => r.Active).OrderBy(r => r.Id).ToListAsync(ct));
    }

    /// <summary>Registry staff verify the entry, now.</summary>
    public Verification Verified(string reviewerUserId) => Verification.Verified(reviewerUserId, time.GetUtcNow());

    /// <summary>Not accepted, for one of the offered reasons, in the person's language; null when the reason is not offered.</summary>
    public async Task<Verification?> NotAcceptedAsync(ProvableEntry kind, int entryId, int? reasonId, string reviewerUserId, CancellationToken ct)
    {
        if (reasonId is not { } id || await db.ReviewReasons.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.Active, ct) is not { } reason)
        {
            return null;
        }

        var professionalId = kind == ProvableEntry.Course
            ? await db.Courses.Where(c => c.Id == entryId).Select(c => c.ProfessionalId).SingleAsync(ct)
            : await db.Credentials.Where(c => c.Id == entryId).Select(c => c.ProfessionalId).SingleAsync(ct);
        var language = await db.Professionals.Where(p => p.Id == professionalId).Select(p => p.PreferredLanguage).SingleAsync(ct);
        return Verification.NotAccepted(reason.In(language), reviewerUserId, time.GetUtcNow());
    }

    /// <summary>Sent back with a note saying what the person should send; null when the note is empty or too long.</summary>
    public Verification? AskForMore(string? note, string reviewerUserId) =>
        string.IsNullOrWhiteSpace(note) || note.Trim().Length > Verification.MaxReasonLength
            ? null
            : Verification.NotAccepted(note.Trim(), reviewerUserId, time.GetUtcNow());

    private static void Record(IVerifiable entry, Verification verification)
    {
        switch (entry)
        {
            case Domain.Education.Course course:
                course.RecordVerification(verification);
                break;
            case Domain.Credentials.Credential credential:
                credential.RecordVerification(verification);
                break;
        }
    }
}

public sealed record ReviewPage(IReadOnlyList<Review.QueueItem> Items, int Total, IReadOnlyList<ReviewReason> Reasons);
