namespace Registry.Web.Features.TwoFactor;

/// <summary>A second factor: authenticator apps, recovery codes, passkeys: what this feature adds to the app.</summary>
public static class TwoFactorFeature
{
    public static WebApplicationBuilder AddTwoFactor(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<SecondFactor.Handler>();
        builder.Services.AddScoped<Passkeys.Handler>();
        return builder;
    }
}
