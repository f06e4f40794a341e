using Registry.Web.Infrastructure.Signed;

namespace Registry.Web.Features.SignedCredentials;

/// <summary>
/// <c>rotate-signing-key</c>: makes a new signing key and retires the others (still published, so what
/// they signed still checks). <c>verify-credential FILE [--jwks FILE] [--status-list FILE]</c>: checks a
/// credential against this registry's database, or, given a saved JWKS (and status list), with no
/// connection at all. Exit code 0 when it holds, 1 when it does not, 2 for a usage error.
/// </summary>
public static class SignedCredentialCommands
{
    public const string Verify = "verify-credential";

    public static async Task<int> RotateAsync(IServiceProvider services, TextWriter output)
    {
        await using var scope = services.CreateAsyncScope();
        var key = await scope.ServiceProvider.GetRequiredService<SigningKeys>().RotateAsync(CancellationToken.None);
        var issuer = scope.ServiceProvider.GetRequiredService<RegistryIssuer>();
        await output.WriteLineAsync($"New signing key {issuer.KeyUrl(key.KeyId)} signs from now on; older keys stay published at /.well-known/jwks.json.");
        return 0;
    }

    public static async Task<int> VerifyAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        var positional = new List<string>();
        string? jwks = null, statusList = null;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--jwks" when i + 1 < args.Length: jwks = args[++i]; break;
                case "--status-list" when i + 1 < args.Length: statusList = args[++i]; break;
                default: positional.Add(args[i]); break;
            }
        }

        if (positional.Count != 1 || positional[0].StartsWith("--", StringComparison.Ordinal))
        {
            await output.WriteLineAsync($"Usage: {Verify} FILE [--jwks JWKS.json] [--status-list STATUS.jwt]");
            return 2;
        }

        foreach (var path in new[] { positional[0], jwks, statusList }.OfType<string>())
        {
            if (!File.Exists(path))
            {
                await output.WriteLineAsync($"No file {path}.");
                return 2;
            }
        }

        var text = await File.ReadAllTextAsync(positional[0]);
        CredentialCheck.Result result;
        if (jwks is not null)
        {
            result = await CredentialCheck.CheckOfflineAsync(text, await File.ReadAllTextAsync(jwks), statusList is null ? null : await File.ReadAllTextAsync(statusList), DateTimeOffset.UtcNow);
        }
        else
        {
            await using var scope = services.CreateAsyncScope();
            result = await scope.ServiceProvider.GetRequiredService<CredentialCheck>().CheckAsync(text, CancellationToken.None);
        }

        var says = result.Says;
        await output.WriteLineAsync(result.Outcome switch
        {
            CredentialCheck.Outcome.NotACredential => "Not a signed credential (a compact JWT).",
            CredentialCheck.Outcome.UnknownSigner => $"Signed by an unknown key (issuer {says?.Issuer ?? "?"}): cannot be checked.",
            CredentialCheck.Outcome.SignatureFails => $"SIGNATURE DOES NOT HOLD (issuer {says?.Issuer ?? "?"}).",
            _ => $"Signature holds: signed by {says?.IssuerName ?? says?.Issuer} ({says?.Issuer}).",
        });
        if (says is not null)
        {
            await output.WriteLineAsync($"Says: {says.Name}");
            if (says.SubjectName is not null)
            {
                await output.WriteLineAsync($"Holder: {says.SubjectName}, registry ID {says.RegistryId}");
            }

            if (says.Creator is not null)
            {
                await output.WriteLineAsync($"Granted by: {says.Creator}");
            }

            await output.WriteLineAsync($"Valid from {says.ValidFrom:u}{(says.ValidUntil is { } until ? $" until {until:u}" : string.Empty)}{(result.Expired ? " (EXPIRED)" : string.Empty)}");
        }

        await output.WriteLineAsync(result.Revoked switch { true => "Revoked: YES", false => "Revoked: no", _ => "Revoked: unknown (no status list given)" });
        return result.Outcome == CredentialCheck.Outcome.SignatureHolds && result.Revoked != true && !result.Expired ? 0 : 1;
    }
}
