using Registry.Web.Infrastructure.Hosting;
using Registry.Web.Infrastructure.Signed;

namespace Registry.Web.Features.SignedCredentials;

/// <summary>Signed, checkable credentials (Open Badges 3.0 as VC-JWT): what this feature adds to the app.</summary>
public static class SignedCredentialsFeature
{
    public static WebApplicationBuilder AddSignedCredentials(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RegistryIssuer>();
        builder.Services.AddScoped<SigningKeys>();
        builder.Services.AddScoped<CredentialTokens>();
        builder.Services.AddScoped<StatusLists>();
        builder.Services.AddScoped<CredentialCheck>();
        builder.Services.AddScoped<CredentialIssuer>();
        builder.Services.AddScoped<MyCredentials.Handler>();
        builder.Services.AddCommand(SigningKeys.RotateCommand, CommandStage.AfterDatabase, (app, _) => SignedCredentialCommands.RotateAsync(app.Services, Console.Out));
        builder.Services.AddCommand(SignedCredentialCommands.Verify, CommandStage.AfterDatabase, (app, args) => SignedCredentialCommands.VerifyAsync(app.Services, args, Console.Out));
        return builder;
    }
}
