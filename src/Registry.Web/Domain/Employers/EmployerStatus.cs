namespace Registry.Web.Domain.Employers;

/// <summary>
/// The site's licence status. The numeric order is the order look-ups list them in: sites that
/// operate now come before sites that no longer do.
/// </summary>
public enum EmployerStatus
{
    Licensed = 0,

    /// <summary>Licensed, under probation by the licensing agency (a CCLD status).</summary>
    OnProbation = 1,
    Pending = 2,
    Inactive = 3,
    Closed = 4,
}

public static class EmployerStatuses
{
    /// <summary>Reads the status as Community Care Licensing writes it ("LICENSED").</summary>
    public static bool TryParseCcld(string? text, out EmployerStatus status)
    {
        switch (text?.Trim().ToUpperInvariant())
        {
            case "LICENSED": status = EmployerStatus.Licensed; return true;
            case "ON PROBATION": status = EmployerStatus.OnProbation; return true;
            case "PENDING": status = EmployerStatus.Pending; return true;
            case "INACTIVE": status = EmployerStatus.Inactive; return true;
            case "CLOSED": status = EmployerStatus.Closed; return true;
            default: status = default; return false;
        }
    }
}
