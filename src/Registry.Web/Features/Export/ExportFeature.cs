namespace Registry.Web.Features.Export;

/// <summary>The record export: what this feature adds to the app.</summary>
public static class ExportFeature
{
    public static WebApplicationBuilder AddExport(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ExportRecord.RecordReader>();
        builder.Services.AddScoped<ExportRecord.Handler>();
        builder.Services.AddScoped<SummaryPdf.Renderer>();
        builder.Services.AddScoped<SummaryPdf.Handler>();
        return builder;
    }
}
