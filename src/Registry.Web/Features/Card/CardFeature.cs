namespace Registry.Web.Features.Card;

/// <summary>The membership card and public verification: what this feature adds to the app.</summary>
public static class CardFeature
{
    public static WebApplicationBuilder AddCard(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<MembershipCard.Handler>();
        return builder;
    }
}
