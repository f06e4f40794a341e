using System.Net;
using System.Net.Sockets;

namespace Registry.IntegrationTests.Infrastructure;

/// <summary>A free loopback port, reserved for a moment and released, for a server a test starts.</summary>
public static class LoopbackPort
{
    public static int Free()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
