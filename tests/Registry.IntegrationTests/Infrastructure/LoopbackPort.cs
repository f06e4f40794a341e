using System.Net;
using System.Net.Sockets;

namespace Registry.IntegrationTests.Infrastructure;

/// <summary>Loopback ports for servers that cannot bind port 0 and report what they got (nginx).</summary>
public static class LoopbackPort
{
    /// <summary>
    /// A port the system gives, kept bound with SO_REUSEPORT and not listening, until the returned
    /// socket is disposed: a server told to listen there with reuseport (nginx's <c>listen … reuseport</c>)
    /// binds beside it and takes every connection, and no other process can take the port in between.
    /// </summary>
    public static Socket Hold()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.SetRawSocketOption(SolSocket, SoReusePort, BitConverter.GetBytes(1));
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    public static int Port(this Socket held) => ((IPEndPoint)held.LocalEndPoint!).Port;

    /// <summary>SOL_SOCKET and SO_REUSEPORT on Linux (1 and 15), which .NET does not name.</summary>
    private const int SolSocket = 1;

    private const int SoReusePort = 15;
}
