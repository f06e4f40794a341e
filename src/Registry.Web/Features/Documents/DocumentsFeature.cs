namespace Registry.Web.Features.Documents;

/// <summary>Documents and their review: what this feature adds to the app.</summary>
public static class DocumentsFeature
{
    public static WebApplicationBuilder AddDocuments(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<MyDocuments.Handler>();
        builder.Services.AddScoped<Review>();
        builder.Services.AddScoped<ReviewReasons>();
        return builder;
    }
}
