using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Registry.Web.Data;

/// <summary>
/// The finest time every provider keeps (decision 0055): SQLite's stored ticks hold a tenth of a
/// millisecond, PostgreSQL a microsecond, SQL Server 100 ns. Every DateTimeOffset is stored cut to a
/// tenth of a millisecond on every provider, so a time reads back the same wherever the registry
/// lives, and a move between providers (export-registry, import-registry) loses nothing.
/// </summary>
public static class KeptTime
{
    public const long TicksKept = 1_000;

    public static DateTimeOffset Of(DateTimeOffset value) => new(value.Ticks - (value.Ticks % TicksKept), value.Offset);
}

/// <summary>Stores a DateTimeOffset as <see cref="KeptTime"/> keeps it (SQL Server; PostgreSQL does the same and makes it UTC).</summary>
public sealed class KeptTimeConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(v => KeptTime.Of(v), v => v);
