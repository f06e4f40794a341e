using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Registry.IntegrationTests.Infrastructure;

/// <summary>
/// The test server has no network: every request arrives from no address. A request carrying
/// <see cref="Header"/> arrives from that address instead, as if from another computer (for the
/// rules that count by client address).
/// </summary>
public sealed class ClientAddresses : IStartupFilter
{
    public const string Header = "X-Test-Client-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, following) =>
        {
            if (context.Request.Headers.TryGetValue(Header, out var value) && IPAddress.TryParse(value.ToString(), out var address))
            {
                context.Connection.RemoteIpAddress = address;
            }

            await following(context);
        });
        next(app);
    };

    /// <summary>A browser-like client on another computer.</summary>
    public static HttpClient From(RegistryAppFactory app, string address)
    {
        var client = app.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.Add(Header, address);
        return client;
    }
}
