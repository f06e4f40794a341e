namespace Registry.Web.Features.Account;

/// <summary>Signing in, confirming an email, changing a password or email: what this feature adds to the app.</summary>
public static class AccountFeature
{
    public static WebApplicationBuilder AddAccount(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<SignIn.Handler>();
        builder.Services.AddScoped<TwoFactorSignIn.Handler>();
        builder.Services.AddScoped<PasskeySignIn.Handler>();
        builder.Services.AddScoped<ConfirmEmail.Handler>();
        builder.Services.AddScoped<SignInLink.Handler>();
        builder.Services.AddScoped<AccountChanges.Handler>();
        return builder;
    }
}
