using System.Text.Json.Nodes;

namespace OneTimeSecret.Web.FunctionalTests.Compatibility;

/// <summary>
/// Reads the hand-written JSON Schemas of docs/api/v1 as plain JSON: the property names a schema allows, through its
/// allOf, if/then/else and $ref (to another file, to a definition, or both).
/// </summary>
public static class JsonSchemaFiles
{
    public static HashSet<string> PropertyNames(string schemaName)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var file = Load($"{schemaName}.schema.json");
        var root = file["type"]?.ToString() == "array" ? file["items"]! : file;
        Collect(root, file, names);
        return names;
    }

    private static JsonNode Load(string fileName) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Schemas", fileName)))
            ?? throw new AssertionException($"{fileName} is empty");

    private static void Collect(JsonNode schema, JsonNode file, HashSet<string> names)
    {
        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            var hash = reference.IndexOf('#', StringComparison.Ordinal);
            var target = hash == 0 ? file : Load(hash < 0 ? reference : reference[..hash]);
            var pointer = hash < 0 ? string.Empty : reference[(hash + 1)..];
            var resolved = pointer.Split('/', StringSplitOptions.RemoveEmptyEntries).Aggregate(target, (node, part) => node[part]!);
            Collect(resolved, target, names);
        }

        foreach (var name in schema["properties"]?.AsObject().Select(p => p.Key) ?? [])
        {
            names.Add(name);
        }

        foreach (var part in schema["allOf"]?.AsArray() ?? [])
        {
            Collect(part!, file, names);
        }

        foreach (var branch in new[] { "then", "else" })
        {
            if (schema[branch] is { } node)
            {
                Collect(node, file, names);
            }
        }
    }
}
