namespace Registry.IntegrationTests.Forms;

/// <summary>
/// What attackers and careless people type, kept in one place: every text field of every form the
/// corpus test finds gets each of these in turn.
/// </summary>
public static class HostileInput
{
    /// <summary>Markup that, shown unencoded, would run in the reader's browser: never in a page as it was typed.</summary>
    public const string Script = "<script>alert('x')</script>";

    public const string Attribute = "\"><img src=x onerror=alert(1)>";

    public static readonly IReadOnlyList<(string Name, string Value)> Values =
    [
        ("markup and script", Script),
        ("an attribute breaking out", Attribute),
        ("quotes", "O'Brien \"Jr.\" `tick`"),
        ("an SQL fragment", "'; DROP TABLE \"Professionals\"; --"),
        ("10,000 characters", new string('a', 10_000)),
        ("only spaces", "     "),
        ("control characters and NUL", "a\u0000b\u0007c\u001Bd"),
        ("right-to-left marks", "\u202Eevil\u202C\u200F"),
        ("emoji and combining accents", "Jose\u0301 👩🏽‍🏫 Zoë"),
        ("a formula", "=HYPERLINK(\"http://evil.example\")"),
        ("a leading plus, minus and at", "+1-@cmd"),
        ("a date in another format", "04/23/1990"),
        ("a number with a comma", "1,5"),
        ("a negative number", "-3"),
        ("a huge number", "99999999999999999999999"),
        ("a non-ASCII email", "josé@correo.example"),
    ];

    /// <summary>The values every form refuses somewhere (too long, only spaces, not a date or number it takes): for checking the language refusals are said in.</summary>
    public static IReadOnlyList<(string Name, string Value)> Refused { get; } =
        [.. Values.Where(v => v.Name is "10,000 characters" or "only spaces" or "a date in another format" or "a huge number" or "a negative number")];

    /// <summary>Marks of the markup values reflected as they were typed (unencoded).</summary>
    public static readonly string[] Unencoded = ["<script>alert('x')", "<img src=x onerror"];
}
