using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Registry.Web.Features.Moving;

/// <summary>
/// A column's values in the move's provider-independent form (docs/registry-export-format.md):
/// the model's value (an enum, a DateTimeOffset), not what one provider happens to keep (ticks in
/// an integer on SQLite, text for a decimal), written as JSON in one invariant way.
/// </summary>
public static class CanonicalValues
{
    /// <summary>
    /// How to read one column of a row in its canonical form: the provider's type read, then the
    /// mapping's converter back to the model's value; a model type with no canonical form of its own
    /// (a value object kept as text) is written as the value its column keeps.
    /// </summary>
    public static Func<DbDataReader, int, object?> Reader(IColumn column)
    {
        var mapping = Mapping(column);
        if (IsJson(column))
        {
            return (reader, i) => reader.IsDBNull(i) ? null : reader.GetFieldValue<string>(i);
        }

        var providerType = Unwrapped(mapping.Converter?.ProviderClrType ?? mapping.ClrType);
        var read = ProviderReaders.TryGetValue(providerType, out var r)
            ? r
            : throw new NotSupportedException($"{column.Table.Name}.{column.Name}: no reader for {providerType.Name}.");
        var converter = HasCanonicalForm(Unwrapped(mapping.ClrType)) ? mapping.Converter : null;
        return (reader, i) => reader.IsDBNull(i) ? null : converter is null ? read(reader, i) : converter.ConvertFromProvider(read(reader, i));
    }

    /// <summary>How to turn a column's canonical JSON back into the model's value (what <see cref="Data.BulkInsert"/> takes).</summary>
    public static Func<JsonElement, object?> Parser(IColumn column)
    {
        var mapping = Mapping(column);
        if (IsJson(column))
        {
            return element => element.GetString();
        }

        var modelType = Unwrapped(mapping.ClrType);
        if (HasCanonicalForm(modelType))
        {
            return element => Read(element, modelType);
        }

        var providerType = Unwrapped(mapping.Converter!.ProviderClrType);
        var converter = mapping.Converter;
        return element => Read(element, providerType) is { } value ? converter.ConvertFromProvider(value) : null;
    }

    public static RelationalTypeMapping Mapping(IColumn column) => Data.BulkInsert.MappingOf(column);

    /// <summary>A column holding an owned type as JSON (Identity's passkey data): carried as its JSON text.</summary>
    private static bool IsJson(IColumn column) => column.PropertyMappings.Count == 0;

    /// <summary>The model's type of a column's values (an enum, a DateOnly), nullable unwrapped.</summary>
    public static Type ModelType(IColumn column) => Unwrapped(Mapping(column).ClrType);

    private static Type Unwrapped(Type type) => Nullable.GetUnderlyingType(type) ?? type;

    private static bool HasCanonicalForm(Type type) => type.IsEnum || ProviderReaders.ContainsKey(type);

    private static readonly Dictionary<Type, Func<DbDataReader, int, object>> ProviderReaders = new()
    {
        [typeof(string)] = (r, i) => r.GetFieldValue<string>(i),
        [typeof(bool)] = (r, i) => r.GetFieldValue<bool>(i),
        [typeof(byte)] = (r, i) => r.GetFieldValue<byte>(i),
        [typeof(short)] = (r, i) => r.GetFieldValue<short>(i),
        [typeof(int)] = (r, i) => r.GetFieldValue<int>(i),
        [typeof(long)] = (r, i) => r.GetFieldValue<long>(i),
        [typeof(decimal)] = (r, i) => r.GetFieldValue<decimal>(i),
        [typeof(double)] = (r, i) => r.GetFieldValue<double>(i),
        [typeof(float)] = (r, i) => r.GetFieldValue<float>(i),
        [typeof(Guid)] = (r, i) => r.GetFieldValue<Guid>(i),
        [typeof(DateTime)] = (r, i) => r.GetFieldValue<DateTime>(i),
        [typeof(DateTimeOffset)] = (r, i) => r.GetFieldValue<DateTimeOffset>(i),
        [typeof(DateOnly)] = (r, i) => r.GetFieldValue<DateOnly>(i),
        [typeof(TimeOnly)] = (r, i) => r.GetFieldValue<TimeOnly>(i),
        [typeof(TimeSpan)] = (r, i) => r.GetFieldValue<TimeSpan>(i),
        [typeof(byte[])] = (r, i) => r.GetFieldValue<byte[]>(i),
    };

    public static void Write(Utf8JsonWriter json, string name, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNull(name);
                break;
            case string text:
                json.WriteString(name, text);
                break;
            case bool flag:
                json.WriteBoolean(name, flag);
                break;
            case Enum member:
                json.WriteString(name, member.ToString());
                break;
            case byte or short or int or long:
                json.WriteNumber(name, Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case decimal number:
                // As text (a JSON number read as a double would not survive), without trailing zeros: SQLite
                // reads 10 back as 10.0 and PostgreSQL's numeric(5,2) as 10.00, and the same value is written the same.
                json.WriteString(name, number.ToString("0.############################", CultureInfo.InvariantCulture));
                break;
            case double number:
                json.WriteString(name, number.ToString("R", CultureInfo.InvariantCulture));
                break;
            case float number:
                json.WriteString(name, number.ToString("R", CultureInfo.InvariantCulture));
                break;
            case Guid id:
                json.WriteString(name, id.ToString("D"));
                break;
            case DateTimeOffset at:
                json.WriteString(name, at.ToString("O", CultureInfo.InvariantCulture));
                break;
            case DateTime at:
                json.WriteString(name, at.ToString("O", CultureInfo.InvariantCulture));
                break;
            case DateOnly day:
                json.WriteString(name, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case TimeOnly time:
                json.WriteString(name, time.ToString("HH:mm:ss.fffffff", CultureInfo.InvariantCulture));
                break;
            case TimeSpan span:
                json.WriteString(name, span.ToString("c", CultureInfo.InvariantCulture));
                break;
            case byte[] bytes:
                json.WriteBase64String(name, bytes);
                break;
            default:
                throw new NotSupportedException($"{name}: no canonical form for {value.GetType().Name}.");
        }
    }

    /// <summary>The model's value of a column from its canonical JSON.</summary>
    public static object? Read(JsonElement element, Type type)
    {
        if (element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (type.IsEnum)
        {
            return Enum.Parse(type, element.GetString()!);
        }

        return type switch
        {
            _ when type == typeof(string) => element.GetString(),
            _ when type == typeof(bool) => element.GetBoolean(),
            _ when type == typeof(byte) => element.GetByte(),
            _ when type == typeof(short) => element.GetInt16(),
            _ when type == typeof(int) => element.GetInt32(),
            _ when type == typeof(long) => element.GetInt64(),
            _ when type == typeof(decimal) => decimal.Parse(element.GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture),
            _ when type == typeof(double) => double.Parse(element.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture),
            _ when type == typeof(float) => float.Parse(element.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture),
            _ when type == typeof(Guid) => Guid.ParseExact(element.GetString()!, "D"),
            _ when type == typeof(DateTimeOffset) => DateTimeOffset.ParseExact(element.GetString()!, "O", CultureInfo.InvariantCulture, DateTimeStyles.None),
            _ when type == typeof(DateTime) => DateTime.ParseExact(element.GetString()!, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            _ when type == typeof(DateOnly) => DateOnly.ParseExact(element.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ when type == typeof(TimeOnly) => TimeOnly.ParseExact(element.GetString()!, "HH:mm:ss.fffffff", CultureInfo.InvariantCulture),
            _ when type == typeof(TimeSpan) => TimeSpan.ParseExact(element.GetString()!, "c", CultureInfo.InvariantCulture),
            _ when type == typeof(byte[]) => element.GetBytesFromBase64(),
            _ => throw new NotSupportedException($"No canonical form for {type.Name}."),
        };
    }
}
