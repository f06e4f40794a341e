using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace Registry.IntegrationTests.Infrastructure;

/// <summary>
/// A small SMTP server on a loopback port: enough of RFC 5321 (EHLO/HELO, MAIL, RCPT, DATA, RSET,
/// NOOP, QUIT) for MailKit to deliver a real message over a real socket. It can be stopped and
/// started again on the same port, to play an SMTP server that is down.
/// </summary>
public sealed class LoopbackSmtpServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<MimeMessage> _received = new();
    private TcpListener? _listener;
    private CancellationTokenSource? _stopping;
    private Task? _accepting;

    public LoopbackSmtpServer()
    {
        // A free port now, so the app can be configured with it before the server runs.
        Port = LoopbackPort.Free();
    }

    public int Port { get; }

    public IReadOnlyCollection<MimeMessage> Received => _received.ToArray();

    /// <summary>Addresses refused at RCPT TO with "550 5.1.1 no such mailbox", as a real server does for an address that does not exist.</summary>
    public ConcurrentDictionary<string, bool> Refused { get; } = new(StringComparer.OrdinalIgnoreCase);

    public void Start()
    {
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        _stopping = new CancellationTokenSource();
        _accepting = AcceptAsync(_listener, _stopping.Token);
    }

    public async Task StopAsync()
    {
        if (_listener is null)
        {
            return;
        }

        await _stopping!.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting!;
        }
        catch (OperationCanceledException)
        {
        }

        _stopping.Dispose();
        _listener = null;
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

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task AcceptAsync(TcpListener listener, CancellationToken ct)
    {
        var sessions = new List<Task>();
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(ct);
                sessions.Add(Task.Run(() => ServeAsync(client, ct), ct));
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        await Task.WhenAll(sessions.Select(s => s.ContinueWith(_ => { }, TaskScheduler.Default)));
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
