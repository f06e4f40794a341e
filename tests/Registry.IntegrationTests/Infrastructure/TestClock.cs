namespace Registry.IntegrationTests.Infrastructure;

/// <summary>
/// The one clock of a test run, given to every test app as its <see cref="TimeProvider"/> and read by
/// the tests for "today". Its instants are the system's (UTC, exactly), but its local time zone is one
/// made for the run, whose offset puts the run's start at local noon: "today" is then the same day in
/// the test and in the app for the next eleven hours, however close to midnight the run began (tests
/// that computed <c>DateTime.Today</c> themselves could disagree with the app by a day then).
/// </summary>
public sealed class TestClock : TimeProvider
{
    private static readonly TimeZoneInfo Zone = MakeZone(DateTimeOffset.UtcNow);

    private TestClock()
    {
    }

    public static TestClock Instance { get; } = new();

    /// <summary>Today, as the app reckons it.</summary>
    public static DateOnly Today => DateOnly.FromDateTime(Instance.GetLocalNow().DateTime);

    /// <summary>The local date and time now, as the app reckons it.</summary>
    public static DateTime Now => Instance.GetLocalNow().DateTime;

    public override TimeZoneInfo LocalTimeZone => Zone;

    private static TimeZoneInfo MakeZone(DateTimeOffset start)
    {
        // Whole quarter hours between -12 and +12, as real zones are.
        var offset = TimeSpan.FromHours(12) - start.TimeOfDay;
        if (offset > TimeSpan.FromHours(12))
        {
            offset -= TimeSpan.FromDays(1);
        }

        offset = TimeSpan.FromMinutes(Math.Round(offset.TotalMinutes / 15) * 15);
        return TimeZoneInfo.CreateCustomTimeZone("Registry test run", offset, "Registry test run", "Registry test run");
    }
}
