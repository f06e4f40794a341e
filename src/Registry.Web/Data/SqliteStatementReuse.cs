using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

#pragma warning disable EF1001 // SqliteRelationalConnection is EF Core's SQLite connection service: the one place a connection's life is decided (decision 0052).

namespace Registry.Web.Data;

/// <summary>
/// EF Core's SQLite connection, kept open while its pooled context waits for the next request, so the
/// statements SQLite compiled for it stay compiled (<see cref="SqliteReusingConnection"/>). Compiling a
/// statement was a quarter of a signed-in page's time: Microsoft.Data.Sqlite keeps a statement only as
/// long as the command object, and EF Core makes a command per query (dotnet/efcore#14044). A connection
/// is closed for real when it is in a transaction at the end of a use (nothing half-done is carried to
/// the next request) and when its context is discarded. See docs/decisions/0052-sqlite-statement-reuse.md.
/// </summary>
public sealed class SqliteKeptOpenConnection(
    RelationalConnectionDependencies dependencies,
    IRawSqlCommandBuilder rawSqlCommandBuilder,
    IDiagnosticsLogger<DbLoggerCategory.Infrastructure> logger)
    : Microsoft.EntityFrameworkCore.Sqlite.Storage.Internal.SqliteRelationalConnection(dependencies, rawSqlCommandBuilder, logger)
{
    /// <summary>EF Core's own set-up of a new connection (its SQL functions, its timeout), which is private to its connection service.</summary>
    private static readonly MethodInfo Initialize =
        typeof(Microsoft.EntityFrameworkCore.Sqlite.Storage.Internal.SqliteRelationalConnection).GetMethod("InitializeDbConnection", BindingFlags.Instance | BindingFlags.NonPublic)
        ?? throw new InvalidOperationException("EF Core's SQLite connection no longer has InitializeDbConnection: see docs/decisions/0052-sqlite-statement-reuse.md before updating EF Core.");

    /// <summary>Makes <paramref name="options"/> use this connection service in place of EF Core's own.</summary>
    public static DbContextOptionsBuilder Use(DbContextOptionsBuilder options) =>
        options.ReplaceService<Microsoft.EntityFrameworkCore.Sqlite.Storage.Internal.ISqliteRelationalConnection, SqliteKeptOpenConnection>();

    protected override DbConnection CreateDbConnection()
    {
        var connection = new SqliteReusingConnection(ConnectionString ?? throw new InvalidOperationException("The SQLite connection has no connection string."));
        Initialize.Invoke(this, [connection]);

        // EF Core's pool does not dispose its contexts' connections when the app stops: the app does (KeptSqliteConnections).
        Dependencies.ContextOptions.FindExtension<Microsoft.EntityFrameworkCore.Infrastructure.CoreOptionsExtension>()?.ApplicationServiceProvider
            ?.GetService<KeptSqliteConnections>()?.Add(connection);
        return connection;
    }

    protected override void DisposeDbConnection()
    {
        Forget();
        base.DisposeDbConnection();
    }

    protected override ValueTask DisposeDbConnectionAsync()
    {
        Forget();
        return base.DisposeDbConnectionAsync();
    }

    private void Forget()
    {
        if (DbConnection is SqliteReusingConnection connection)
        {
            Dependencies.ContextOptions.FindExtension<Microsoft.EntityFrameworkCore.Infrastructure.CoreOptionsExtension>()?.ApplicationServiceProvider
                ?.GetService<KeptSqliteConnections>()?.Remove(connection);
        }
    }

    protected override void CloseDbConnection()
    {
        if (!Reusable())
        {
            base.CloseDbConnection();
        }
    }

    protected override Task CloseDbConnectionAsync() => Reusable() ? Task.CompletedTask : base.CloseDbConnectionAsync();

    /// <summary>Open, and not in a transaction (one left open by code that went around EF Core is rolled back by the close).</summary>
    private bool Reusable() =>
        DbConnection is SqliteConnection { State: ConnectionState.Open, Handle: { } handle } && SQLitePCL.raw.sqlite3_get_autocommit(handle) != 0;
}

/// <summary>
/// The SQLite connections kept open by pooled contexts, closed when the app's services are disposed (it
/// stops): EF Core's context pool leaves its contexts' connections to the garbage collector, which was
/// harmless while every use closed its connection.
/// </summary>
public sealed class KeptSqliteConnections : IDisposable
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<SqliteReusingConnection, byte> _open = new();

    internal void Add(SqliteReusingConnection connection) => _open.TryAdd(connection, 0);

    internal void Remove(SqliteReusingConnection connection) => _open.TryRemove(connection, out _);

    public void Dispose()
    {
        foreach (var connection in _open.Keys)
        {
            connection.Dispose();
        }

        _open.Clear();
    }
}

/// <summary>
/// A SQLite connection whose commands reuse the statements compiled for the same SQL earlier on this
/// connection, while it stays open: a command made through <see cref="DbConnection.CreateCommand"/> (as
/// EF Core makes them) borrows the connection's <see cref="SqliteCommand"/> for its text, and gives it
/// back when disposed. At most <see cref="Capacity"/> texts are kept; closing the connection disposes them.
/// </summary>
public sealed class SqliteReusingConnection(string connectionString) : SqliteConnection(connectionString)
{
    /// <summary>How many distinct SQL texts one connection keeps compiled.</summary>
    public const int Capacity = 200;

    private readonly Dictionary<string, Kept> _kept = new(StringComparer.Ordinal);
    private long _uses;

    /// <summary>How many executions found their statements already compiled (for tests and benchmarks).</summary>
    public long Reused { get; private set; }

    protected override DbCommand CreateDbCommand() => new ReusedStatementCommand(this);

    public override void Close()
    {
        Forget();
        base.Close();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Forget();
        }

        base.Dispose(disposing);
    }

    /// <summary>The kept command for <paramref name="text"/>, or a new one when it is in use (or no more texts are kept).</summary>
    internal SqliteCommand Borrow(string text, out bool kept)
    {
        _uses++;
        kept = false;

        // No text yet (parameters added first): a command of its own until the text is set.
        if (text.Length > 0 && State == ConnectionState.Open)
        {
            if (_kept.TryGetValue(text, out var entry))
            {
                if (!entry.InUse)
                {
                    entry.InUse = true;
                    entry.LastUse = _uses;
                    kept = true;
                    Reused++;
                    return entry.Command;
                }
            }
            else
            {
                if (_kept.Count >= Capacity)
                {
                    Evict();
                }

                if (_kept.Count < Capacity)
                {
                    var command = base.CreateCommand();
                    command.CommandText = text;
                    _kept[text] = new Kept(command) { InUse = true, LastUse = _uses };
                    kept = true;
                    return command;
                }
            }
        }

        var single = base.CreateCommand();
        single.CommandText = text;
        return single;
    }

    internal void GiveBack(SqliteCommand command, bool kept)
    {
        if (kept && _kept.TryGetValue(command.CommandText, out var entry) && ReferenceEquals(entry.Command, command))
        {
            command.Parameters.Clear();
            command.Transaction = null;
            entry.InUse = false;
            return;
        }

        command.Dispose();
    }

    /// <summary>Makes room: the least recently used text not in use goes.</summary>
    private void Evict()
    {
        Kept? oldest = null;
        foreach (var entry in _kept.Values)
        {
            if (!entry.InUse && (oldest is null || entry.LastUse < oldest.LastUse))
            {
                oldest = entry;
            }
        }

        if (oldest is not null)
        {
            _kept.Remove(oldest.Command.CommandText);
            oldest.Command.Dispose();
        }
    }

    private void Forget()
    {
        foreach (var entry in _kept.Values)
        {
            entry.Command.Dispose();
        }

        _kept.Clear();
    }

    private sealed class Kept(SqliteCommand command)
    {
        public SqliteCommand Command { get; } = command;

        public bool InUse { get; set; }

        public long LastUse { get; set; }
    }
}

/// <summary>
/// A command of a <see cref="SqliteReusingConnection"/>: set its text, then it borrows the connection's
/// compiled statements for that text (on first use of its parameters or first execution) and gives them back when disposed.
/// </summary>
internal sealed class ReusedStatementCommand(SqliteReusingConnection connection) : DbCommand
{
    private SqliteCommand? _borrowed;
    private bool _kept;
    private string _text = string.Empty;

    [AllowNull]
    public override string CommandText
    {
        get => _text;
        set
        {
            if (string.Equals(_text, value ?? string.Empty, StringComparison.Ordinal))
            {
                return;
            }

            // Parameters added before the text (as ADO.NET allows) go with it to the command for the text.
            SqliteParameter[]? carried = null;
            if (_borrowed is { Parameters.Count: > 0 } borrowed)
            {
                carried = borrowed.Parameters.Cast<SqliteParameter>().ToArray();
                borrowed.Parameters.Clear();
            }

            GiveBack();
            _text = value ?? string.Empty;
            if (carried is not null)
            {
                Borrowed.Parameters.AddRange(carried);
            }
        }
    }

    public override int CommandTimeout { get; set; } = connection.DefaultTimeout;

    public override CommandType CommandType
    {
        get => CommandType.Text;
        set
        {
            if (value != CommandType.Text)
            {
                throw new ArgumentException("SQLite runs SQL text only.", nameof(value));
            }
        }
    }

    public override bool DesignTimeVisible { get; set; }

    public override UpdateRowSource UpdatedRowSource { get; set; }

    protected override DbConnection? DbConnection
    {
        get => connection;
        set
        {
            if (value is not null && !ReferenceEquals(value, connection))
            {
                throw new NotSupportedException("This command belongs to the connection that made it.");
            }
        }
    }

    protected override DbParameterCollection DbParameterCollection => Borrowed.Parameters;

    protected override DbTransaction? DbTransaction { get; set; }

    private SqliteCommand Borrowed => _borrowed ??= connection.Borrow(_text, out _kept);

    public override void Cancel() => _borrowed?.Cancel();

    public override void Prepare() => Ready().Prepare();

    public override int ExecuteNonQuery() => Ready().ExecuteNonQuery();

    public override object? ExecuteScalar() => Ready().ExecuteScalar();

    public override Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken) => Ready().ExecuteNonQueryAsync(cancellationToken);

    public override Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken) => Ready().ExecuteScalarAsync(cancellationToken);

    protected override DbParameter CreateDbParameter() => new SqliteParameter();

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => Ready().ExecuteReader(behavior);

    protected override async Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken) =>
        await Ready().ExecuteReaderAsync(behavior, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            GiveBack();
        }

        base.Dispose(disposing);
    }

    private SqliteCommand Ready()
    {
        var command = Borrowed;
        command.Transaction = (SqliteTransaction?)DbTransaction;
        command.CommandTimeout = CommandTimeout;
        return command;
    }

    private void GiveBack()
    {
        if (_borrowed is { } borrowed)
        {
            _borrowed = null;
            connection.GiveBack(borrowed, _kept);
        }
    }
}
