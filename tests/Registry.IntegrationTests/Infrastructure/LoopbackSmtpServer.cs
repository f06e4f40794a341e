using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace Registry.IntegrationTests.Infrastructure;

/// <summary>
/// A small SMTP server on a loopback port: enough of RFC 5321 (EHLO/HELO, MAIL, RCPT, DATA, RSET,
/// NOOP, QUIT) for MailKit to deliver a real message over a real socket. It can be stopped and
/// started again, to play an SMTP server that is down: its port (given by the system, read back)
/// stays bound throughout, and while down it answers "421" and hangs up.
/// </summary>
public sealed class LoopbackSmtpServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<MimeMessage> _received = new();
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _disposing = new();
    private readonly Task _accepting;
    private CancellationTokenSource? _up;

    public LoopbackSmtpServer()
    {
        // The port is the one the system gives the listener (port 0, read back), held until disposal: the
        // app is configured with it before the server "starts", and nothing else can take it in between.
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync(_disposing.Token);
    }

    public int Port { get; }

    public IReadOnlyCollection<MimeMessage> Received => _received.ToArray();

    /// <summary>Addresses refused at RCPT TO with "550 5.1.1 no such mailbox", as a real server does for an address that does not exist.</summary>
    public ConcurrentDictionary<string, bool> Refused { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Takes mail from now on. Until then (and after <see cref="StopAsync"/>) it answers every connection "421 service not available" and hangs up, as a mail server that is down does.</summary>
    public void Start() => Interlocked.CompareExchange(ref _up, new CancellationTokenSource(), null);

    /// <summary>Down: conversations under way are cut off, new ones refused.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _up, null) is { } up)
        {
            await up.CancelAsync();
        }
    }

    /// <summary>Waits until <paramref name="count"/> messages have arrived, or fails after the timeout.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (_received.Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Expected {count} message(s), received {_received.Count}.");
            }

            await Task.Delay(50);
        }

        return _received.ToArray();
    }

    /// <summary>Waits until <paramref name="count"/> messages that match have arrived.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(Func<MimeMessage, bool> match, int count = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var matching = _received.Where(match).ToList();
            if (matching.Count >= count)
            {
                return matching;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Expected {count} matching message(s), received {matching.Count}.");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _disposing.CancelAsync();
        _listener.Stop();
        await _accepting;
        _disposing.Dispose();
    }

    private async Task AcceptAsync(CancellationToken ct)
    {
        var sessions = new List<Task>();
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(ct);
                var up = Volatile.Read(ref _up);
                sessions.Add(up is null ? Task.Run(() => RefuseAsync(client), ct) : Task.Run(() => ServeAsync(client, up.Token), ct));
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        await Task.WhenAll(sessions.Select(s => s.ContinueWith(_ => { }, TaskScheduler.Default)));
    }

    private static async Task RefuseAsync(TcpClient client)
    {
        using var _ = client;
        await using var stream = client.GetStream();
        await stream.WriteAsync("421 4.3.2 Service not available\r\n"u8.ToArray());
    }

    private async Task ServeAsync(TcpClient client, CancellationToken ct)
    {
        using var _ = client;
        await using var stream = client.GetStream();
        // Latin-1 maps every byte to one char and back, so the message's bytes arrive unchanged.
        using var reader = new StreamReader(stream, Encoding.Latin1);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 localhost Registry test SMTP");
        while (!ct.IsCancellationRequested && await reader.ReadLineAsync(ct) is { } line)
        {
            var command = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
            switch (command)
            {
                case "EHLO":
                    await writer.WriteLineAsync("250-localhost");
                    await writer.WriteLineAsync("250-8BITMIME");
                    await writer.WriteLineAsync("250 SMTPUTF8");
                    break;
                case "RCPT" when Refused.Keys.Any(address => Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(line)).Contains($"<{address}>", StringComparison.OrdinalIgnoreCase)):
                    await writer.WriteLineAsync("550 5.1.1 No such mailbox");
                    break;
                case "HELO":
                case "MAIL":
                case "RCPT":
                case "RSET":
                case "NOOP":
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "DATA":
                    await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync(ct) is { } dataLine && dataLine != ".")
                    {
                        data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                    }

                    using (var content = new MemoryStream(Encoding.Latin1.GetBytes(data.ToString())))
                    {
                        _received.Enqueue(await MimeMessage.LoadAsync(content, ct));
                    }

                    await writer.WriteLineAsync("250 OK: queued");
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 Bye");
                    return;
                default:
                    await writer.WriteLineAsync("502 Command not implemented");
                    break;
            }
        }
    }
}
