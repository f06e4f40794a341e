namespace Registry.Web.Features.AttendanceReview;

/// <summary>Staff approval and undo of attendance: what this feature adds to the app.</summary>
public static class AttendanceReviewFeature
{
    public static WebApplicationBuilder AddAttendanceReview(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<AttendanceApprovals.Handler>();
        return builder;
    }
}
