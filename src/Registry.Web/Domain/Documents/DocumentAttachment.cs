namespace Registry.Web.Domain.Documents;

/// <summary>The kinds of entry a document can prove.</summary>
public enum ProvableEntry
{
    Course = 1,
    Credential = 2,
}

/// <summary>A document attached to an entry it proves (one transcript can prove many courses).</summary>
public sealed class DocumentAttachment
{
    private DocumentAttachment()
    {
    }

    public DocumentAttachment(int documentId, ProvableEntry entryKind, int entryId)
    {
        DocumentId = documentId;
        EntryKind = entryKind;
        EntryId = entryId;
    }

    public int DocumentId { get; private set; }

    public ProvableEntry EntryKind { get; private set; }

    public int EntryId { get; private set; }
}
