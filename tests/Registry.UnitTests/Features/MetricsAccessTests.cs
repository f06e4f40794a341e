using System.Net;
using Registry.Web.Infrastructure.Web;

namespace Registry.UnitTests.Features;

public sealed class MetricsAccessTests
{
    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("10.2.3.4", true)]
    [InlineData("172.16.0.9", true)]
    [InlineData("172.32.0.9", false)]
    [InlineData("192.168.1.20", true)]
    [InlineData("::ffff:192.168.1.20", true)]
    [InlineData("fd00::5", true)]
    [InlineData("8.8.8.8", false)]
    [InlineData("2001:4860:4860::8888", false)]
    public void Only_loopback_and_private_addresses_read_the_metrics(string address, bool allowed) =>
        Assert.Equal(allowed, RegistryMetrics.IsInternal(IPAddress.Parse(address)));
}
