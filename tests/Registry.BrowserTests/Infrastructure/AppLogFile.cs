using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Registry.BrowserTests.Infrastructure;

/// <summary>
/// The app's warnings and errors during a browser test class, written to a file beside the screenshots
/// (artifacts/browser-logs): a browser test sees only the page, so when one fails this is where the
/// server's side of it is (CI prints them when the tests fail).
/// </summary>
public sealed class AppLogFile(string path) : ILoggerProvider
{
    private readonly Lock _gate = new();

    public ILogger CreateLogger(string categoryName) => new FileLogger(this, categoryName);

    public void Dispose()
    {
    }

    private void Write(string line)
    {
        lock (_gate)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.AppendAllText(path, line);
        }
    }

    private sealed class FileLogger(AppLogFile file, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                file.Write(string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)}{Environment.NewLine}{(exception is null ? string.Empty : exception + Environment.NewLine)}"));
            }
        }
    }
}
