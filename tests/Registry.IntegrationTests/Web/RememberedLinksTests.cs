using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.Routing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Infrastructure.Web;

namespace Registry.IntegrationTests.Web;

/// <summary>
/// Links in views are remembered across requests (decision 0051): a remembered link must be the one the
/// framework writes for that page and those values, whatever page asked first (a site's roster link differs
/// from site to site).
/// </summary>
public sealed class RememberedLinksTests : IClassFixture<RegistryAppFactory>
{
    private readonly RegistryAppFactory _app;

    public RememberedLinksTests(RegistryAppFactory app) => _app = app;

    private ActionContext PageOf(int site)
    {
        var http = new DefaultHttpContext { RequestServices = _app.Services };
        var values = new RouteValueDictionary { ["controller"] = "Sites", ["action"] = "Staff", ["employerId"] = site.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        http.Request.RouteValues = values;
        http.SetEndpoint(new Endpoint(null, EndpointMetadataCollection.Empty, "a site's staff page"));
        return new ActionContext(http, new RouteData(values), new ActionDescriptor());
    }

    [Fact]
    public void A_remembered_link_is_the_one_the_framework_writes_for_that_page_and_those_values()
    {
        var remembered = _app.Services.GetRequiredService<IUrlHelperFactory>();
        Assert.IsType<RememberedLinks>(remembered);
        var framework = new UrlHelperFactory();

        // Each page twice (the second answer is the remembered one), in turn.
        foreach (var site in new[] { 7, 8, 7, 8 })
        {
            var page = PageOf(site);
            foreach (var ask in new[]
            {
                new UrlActionContext { Action = "Roster" },
                new UrlActionContext { Action = "Roster", Controller = "Sites", Values = new { employerId = site } },
                new UrlActionContext { Action = "Index", Controller = "Home", Fragment = "top" },
            })
            {
                Assert.Equal(framework.GetUrlHelper(page).Action(ask), remembered.GetUrlHelper(page).Action(ask));
            }
        }

        Assert.Equal("/sites/7/roster", remembered.GetUrlHelper(PageOf(8)).Action(new UrlActionContext { Action = "Roster", Controller = "Sites", Values = new { employerId = 7 } }));
        Assert.Equal("/sites/8/roster", remembered.GetUrlHelper(PageOf(7)).Action(new UrlActionContext { Action = "Roster", Controller = "Sites", Values = new { employerId = 8 } }));
    }
}
