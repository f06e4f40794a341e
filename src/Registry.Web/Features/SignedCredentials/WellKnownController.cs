using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Registry.Web.Infrastructure.Signed;
using Registry.Web.Infrastructure.Web;

namespace Registry.Web.Features.SignedCredentials;

/// <summary>
/// What anyone needs to check the registry's credentials without asking it: its public keys (a
/// JWKS), its did:web document, and its status lists. Public, and the same for everyone.
/// </summary>
[AllowAnonymous]
public sealed class WellKnownController(SigningKeys keys, RegistryIssuer issuer, StatusLists lists) : Controller
{
    [HttpGet("/.well-known/jwks.json")]
    public async Task<IActionResult> Jwks(CancellationToken ct)
    {
        var published = new JsonArray();
        foreach (var key in await keys.PublishedAsync(ct))
        {
            published.Add(SigningKeys.Published(key, issuer));
        }

        return Json(new JsonObject { ["keys"] = published }, "application/jwk-set+json");
    }

    /// <summary>The did:web document; at /did.json too, where a public address with a path puts it.</summary>
    [HttpGet("/.well-known/did.json")]
    [HttpGet("/did.json")]
    public async Task<IActionResult> Did(CancellationToken ct)
    {
        var methods = new JsonArray();
        var assertion = new JsonArray();
        foreach (var key in await keys.PublishedAsync(ct))
        {
            var jwk = SigningKeys.Published(key, issuer);
            jwk.Remove("kid");
            jwk.Remove("use");
            methods.Add(new JsonObject
            {
                ["id"] = issuer.KeyUrl(key.KeyId),
                ["type"] = "JsonWebKey",
                ["controller"] = issuer.Did,
                ["publicKeyJwk"] = jwk,
            });
            assertion.Add(issuer.KeyUrl(key.KeyId));
        }

        var document = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/did/v1", "https://w3id.org/security/jwk/v1"),
            ["id"] = issuer.Did,
            ["verificationMethod"] = methods,
            ["assertionMethod"] = assertion,
            ["service"] = new JsonArray(new JsonObject
            {
                ["id"] = issuer.Did + "#registry",
                ["type"] = "LinkedDomains",
                ["serviceEndpoint"] = issuer.Url,
            }, new JsonObject
            {
                ["id"] = issuer.Did + "#workforce-registry",
                ["type"] = "EceWorkforceRegistry",
                ["serviceEndpoint"] = new JsonObject { ["name"] = issuer.Name, ["state"] = issuer.State, ["url"] = issuer.Url },
            }),
        };
        return Json(document, "application/did+json");
    }

    /// <summary>A status list, signed (a VC-JWT); worked out when asked, so it is never behind the record.</summary>
    [HttpGet("/credentials/status/{list:int}")]
    [EnableRateLimiting(RateLimits.Verify)]
    public async Task<IActionResult> Status(int list, CancellationToken ct) =>
        await lists.SignedListAsync(list, ct) is { } signed ? Content(signed, "application/vc+jwt") : NotFound();

    private ContentResult Json(JsonObject body, string contentType) =>
        Content(body.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }), contentType);
}
