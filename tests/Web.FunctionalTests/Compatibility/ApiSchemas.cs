using System.Collections.Concurrent;
using NJsonSchema;

namespace OneTimeSecret.Web.FunctionalTests.Compatibility;

/// <summary>The JSON Schemas of docs/api/v1, copied next to the tests, validated with NJsonSchema.</summary>
public static class ApiSchemas
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<JsonSchema>>> Cache = new();

    public static async Task<ICollection<NJsonSchema.Validation.ValidationError>> ValidateAsync(string schemaName, string json)
    {
        var schema = await Cache.GetOrAdd(schemaName, name => new Lazy<Task<JsonSchema>>(() => LoadAsync(name))).Value;
        return schema.Validate(json);
    }

    public static async Task AssertValidAsync(string schemaName, string json)
    {
        var errors = await ValidateAsync(schemaName, json);
        Assert.That(errors, Is.Empty, $"{schemaName} rejects {json}:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
    }

    private static Task<JsonSchema> LoadAsync(string name) =>
        JsonSchema.FromFileAsync(Path.Combine(TestContext.CurrentContext.TestDirectory, "Schemas", $"{name}.schema.json"));
}
