using System.Text.Json.Nodes;
using Json.Schema;

namespace Registry.IntegrationTests.Infrastructure;

/// <summary>
/// The record export checked by a real JSON Schema validator (draft 2020-12) against
/// docs/export/record.schema.json: types, enumerations, formats (dates, date-times) and no
/// property the schema does not name.
/// </summary>
public static class ExportSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromFile(Path.Combine(Repository.Root(), "docs", "export", "record.schema.json")));

    public static void AssertValid(JsonNode? record) => AssertValid(record?.ToJsonString() ?? "null");

    public static void AssertValid(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var result = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key} {e.Value}")).Take(20).ToList();
        Assert.True(result.IsValid, "The export does not follow docs/export/record.schema.json: " + string.Join(" | ", errors));
    }
}
