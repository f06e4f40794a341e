namespace Registry.Web.Infrastructure.Training;

/// <summary>The state's rules applied when attendance is posted, and how long a check-in code lasts.</summary>
public sealed class TrainingOptions
{
    public const string Section = "Training";

    /// <summary>At most this many hours credited per person per day (none: no cap). California-style default 15.</summary>
    public decimal? MaxHoursPerDay { get; set; } = 15;

    /// <summary>The same training (same sponsor and title) repeated within this many months is credited once (0: off).</summary>
    public int RepeatWindowMonths { get; set; } = 12;

    /// <summary>How long a session's check-in code (the QR code) works once the instructor shows it.</summary>
    public TimeSpan CheckInLifetime { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>Attendance for a session more than this many days before the posting waits for registry staff's approval.</summary>
    public int ApprovalAfterDays { get; set; } = 30;
}
