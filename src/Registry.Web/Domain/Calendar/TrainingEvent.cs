namespace Registry.Web.Domain.Calendar;

/// <summary>What a training is about: the topic areas the calendar filters by.</summary>
public enum TrainingTopic
{
    ChildGrowthAndDevelopment = 1,
    HealthSafetyAndNutrition = 2,
    FamilyAndCommunity = 3,
    CurriculumAndLearning = 4,
    ObservationAndAssessment = 5,
    SocialEmotionalDevelopment = 6,
    InclusionAndSpecialNeeds = 7,
    DualLanguageLearners = 8,
    LeadershipAndAdministration = 9,
    Other = 99,
}

/// <summary>The languages an event may be taught in, as two-letter codes (the calendar's filter and the sponsor's form offer these).</summary>
public static class TrainingLanguages
{
    public static readonly IReadOnlyList<string> All = ["en", "es", "zh", "vi", "tl", "ko", "ru", "other"];
}

/// <summary>Who an event is for.</summary>
public enum TrainingAudience
{
    Everyone = 0,
    Teachers = 1,
    Directors = 2,
    FamilyChildCare = 3,
    InfantToddler = 4,
}

public enum TrainingEventStatus
{
    Published = 0,
    Cancelled = 1,
}

/// <summary>
/// A training a sponsor offers: one or more sessions, in person (address and county) or online,
/// with its clock hours (the sessions' lengths added up), capacity, cost and deadlines.
/// </summary>
public sealed class TrainingEvent
{
    public const int MaxTitleLength = 200;
    public const int MaxDescriptionLength = 4000;
    public const int MaxSessions = 20;

    private readonly List<TrainingSession> _sessions = [];
    private readonly List<TrainingEventWord> _words = [];

    private TrainingEvent()
    {
        Title = string.Empty;
        Description = string.Empty;
        Language = string.Empty;
    }

    public TrainingEvent(int sponsorId, TrainingEventDetails details, IEnumerable<(DateOnly Day, TimeOnly Starts, TimeOnly Ends)> sessions, DateTimeOffset createdAt)
        : this()
    {
        SponsorId = sponsorId;
        CreatedAt = createdAt;
        Apply(details, sessions);
    }

    public int Id { get; private set; }

    public int SponsorId { get; private set; }

    public string Title { get; private set; }

    public string Description { get; private set; }

    public TrainingTopic Topic { get; private set; }

    /// <summary>The language it is taught in, as a two-letter code ("en", "es").</summary>
    public string Language { get; private set; }

    public TrainingAudience Audience { get; private set; }

    public bool IsOnline { get; private set; }

    public string? Address { get; private set; }

    public string? City { get; private set; }

    public string? County { get; private set; }

    public int Capacity { get; private set; }

    public decimal Cost { get; private set; }

    /// <summary>The last day to register.</summary>
    public DateOnly RegistrationDeadline { get; private set; }

    /// <summary>Registered people may withdraw themselves until this many days before the first session.</summary>
    public int WithdrawalDays { get; private set; }

    /// <summary>The sessions' hours added up.</summary>
    public decimal ClockHours { get; private set; }

    /// <summary>The first and last session days, kept for the calendar's date filter.</summary>
    public DateOnly FirstDay { get; private set; }

    public DateOnly LastDay { get; private set; }

    public TrainingEventStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? CancelledAt { get; private set; }

    public Guid ConcurrencyStamp { get; private set; } = Guid.NewGuid();

    public IReadOnlyList<TrainingSession> Sessions => _sessions;

    /// <summary>The words of the title and description: the index the calendar's free-text search reads.</summary>
    public IReadOnlyList<TrainingEventWord> Words => _words;

    public const int MaxWords = 300;

    public TrainingEventDetails Details => new(Title, Description, Topic, Language, Audience, IsOnline, Address, City, County, Capacity, Cost, RegistrationDeadline, WithdrawalDays);

    /// <summary>The last day a registered person may withdraw themselves.</summary>
    public DateOnly WithdrawBy => FirstDay.AddDays(-WithdrawalDays);

    public void Update(TrainingEventDetails details, IEnumerable<(DateOnly Day, TimeOnly Starts, TimeOnly Ends)> sessions)
    {
        Apply(details, sessions);
        ConcurrencyStamp = Guid.NewGuid();
    }

    public void Cancel(DateTimeOffset at)
    {
        Status = TrainingEventStatus.Cancelled;
        CancelledAt = at;
    }

    private void Apply(TrainingEventDetails d, IEnumerable<(DateOnly Day, TimeOnly Starts, TimeOnly Ends)> sessions)
    {
        var list = sessions.OrderBy(s => s.Day).ThenBy(s => s.Starts).ToList();
        if (list.Count is 0 or > MaxSessions || list.Any(s => s.Ends <= s.Starts))
        {
            throw new ArgumentException("An event has 1 to 20 sessions, each ending after it starts.", nameof(sessions));
        }

        if (d.Capacity < 1 || d.Cost < 0 || d.WithdrawalDays < 0 || string.IsNullOrWhiteSpace(d.Title))
        {
            throw new ArgumentException("An event has a title, a capacity of at least one, and no negative cost or window.", nameof(d));
        }

        Title = d.Title.Trim();
        Description = d.Description.Trim();
        Topic = d.Topic;
        Language = d.Language;
        Audience = d.Audience;
        IsOnline = d.IsOnline;
        Address = d.IsOnline ? null : d.Address?.Trim();
        City = d.IsOnline ? null : d.City?.Trim();
        County = d.IsOnline ? null : d.County;
        Capacity = d.Capacity;
        Cost = d.Cost;
        RegistrationDeadline = d.RegistrationDeadline;
        WithdrawalDays = d.WithdrawalDays;
        var words = SearchText.Words($"{Title} {Description}").Take(MaxWords).ToHashSet(StringComparer.Ordinal);
        _words.RemoveAll(w => !words.Contains(w.Word));
        foreach (var word in words.Where(w => !_words.Any(x => x.Word == w)))
        {
            _words.Add(new TrainingEventWord(word));
        }

        // Sessions keep their ids (and attendance) when unchanged; the rest are replaced.
        var kept = _sessions.Where(s => list.Contains((s.Day, s.Starts, s.Ends))).ToList();
        _sessions.RemoveAll(s => !kept.Contains(s));
        foreach (var (day, starts, ends) in list.Where(s => !kept.Any(k => (k.Day, k.Starts, k.Ends) == s)))
        {
            _sessions.Add(new TrainingSession(day, starts, ends));
        }

        ClockHours = _sessions.Sum(s => s.Hours);
        FirstDay = list[0].Day;
        LastDay = list[^1].Day;
    }
}

/// <summary>What a sponsor says of an event (everything but its sessions).</summary>
public sealed record TrainingEventDetails(
    string Title,
    string Description,
    TrainingTopic Topic,
    string Language,
    TrainingAudience Audience,
    bool IsOnline,
    string? Address,
    string? City,
    string? County,
    int Capacity,
    decimal Cost,
    DateOnly RegistrationDeadline,
    int WithdrawalDays);

/// <summary>One meeting of an event: a day, a start and an end (local time), and its check-in code.</summary>
public sealed class TrainingSession
{
    private TrainingSession()
    {
    }

    public TrainingSession(DateOnly day, TimeOnly starts, TimeOnly ends)
    {
        Day = day;
        Starts = starts;
        Ends = ends;
    }

    public int Id { get; private set; }

    public int EventId { get; private set; }

    public DateOnly Day { get; private set; }

    public TimeOnly Starts { get; private set; }

    public TimeOnly Ends { get; private set; }

    /// <summary>The code in the check-in link the instructor shows as a QR code during the session (random, short-lived).</summary>
    public string? CheckInCode { get; private set; }

    public DateTimeOffset? CheckInExpiresAt { get; private set; }

    public void OpenCheckIn(string code, DateTimeOffset expiresAt)
    {
        CheckInCode = code;
        CheckInExpiresAt = expiresAt;
    }

    /// <summary>The session's length in hours (to the quarter hour).</summary>
    public decimal Hours => Math.Round((decimal)(Ends - Starts).TotalHours * 4m, MidpointRounding.AwayFromZero) / 4m;
}

/// <summary>One word of an event's title or description, for prefix search on an index.</summary>
public sealed class TrainingEventWord
{
    private TrainingEventWord()
    {
        Word = string.Empty;
    }

    public TrainingEventWord(string word)
    {
        Word = word;
    }

    public int EventId { get; private set; }

    public string Word { get; private set; }
}
