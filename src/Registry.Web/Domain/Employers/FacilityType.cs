namespace Registry.Web.Domain.Employers;

/// <summary>The licensing agency's kind of child care site.</summary>
public enum FacilityType
{
    DayCareCenter = 0,
    InfantCenter = 1,
    SchoolAgeDayCareCenter = 2,
    SingleLicensedChildCareCenter = 3,
    LargeFamilyChildCareHome = 4,
    SmallFamilyChildCareHome = 5,
    LicenseExempt = 6,
}

public static class FacilityTypes
{
    /// <summary>Family child care homes are listed under the licensee's name ("LAST, FIRST").</summary>
    public static bool IsFamilyChildCareHome(this FacilityType type) =>
        type is FacilityType.LargeFamilyChildCareHome or FacilityType.SmallFamilyChildCareHome;

    /// <summary>Reads the facility type as Community Care Licensing writes it ("DAY CARE CENTER").</summary>
    public static bool TryParseCcld(string? text, out FacilityType type)
    {
        switch (text?.Trim().ToUpperInvariant())
        {
            case "DAY CARE CENTER": type = FacilityType.DayCareCenter; return true;
            case "INFANT CENTER": type = FacilityType.InfantCenter; return true;
            case "SCHOOL AGE DAY CARE CENTER": type = FacilityType.SchoolAgeDayCareCenter; return true;
            case "SINGLE LICENSED CHILD CARE CENTER": type = FacilityType.SingleLicensedChildCareCenter; return true;
            case "LARGE FAMILY CHILD CARE HOME":
            case "FAMILY DAY CARE HOME - LARGE": type = FacilityType.LargeFamilyChildCareHome; return true;
            case "SMALL FAMILY CHILD CARE HOME":
            case "FAMILY DAY CARE HOME - SMALL": type = FacilityType.SmallFamilyChildCareHome; return true;
            default: type = default; return false;
        }
    }
}
