namespace Registry.Web.Domain.Professionals;

/// <summary>Self-reported gender; optional, and "prefer not to say" is an answer.</summary>
public enum Gender
{
    Woman = 1,
    Man = 2,
    NonBinary = 3,
    SelfDescribed = 4,
    PreferNotToSay = 5,
}
