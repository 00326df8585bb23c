using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace OneTimeSecret.Infrastructure.Persistence;

/// <summary>
/// The INSERT that SaveChanges would send for one new entity — same columns, store types and value converters, read from
/// the EF Core model — written straight to the connection without the change tracker. Only for plain entities: no
/// shadow or store-generated property, no navigation, no inheritance; <see cref="DirectInsert.TryCreate"/> says no otherwise.
/// </summary>
public sealed class DirectInsert<TEntity>
    where TEntity : class
{
    private readonly Column[] _columns;

    internal DirectInsert(string sql, IReadOnlyList<(string Name, Func<TEntity, object?> Get, RelationalTypeMapping Mapping, bool Nullable)> columns)
    {
        Sql = sql;
        _columns = [.. columns.Select(c => new Column(c.Name, c.Get, c.Mapping, c.Nullable))];
    }

    /// <summary>The statement, with positional parameters ($1, $2, ...) in column order, as Npgsql takes them.</summary>
    public string Sql { get; }

    /// <summary>Adds one positional parameter per column, converted and typed as EF Core would.</summary>
    public void AddParameters(DbCommand command, TEntity entity)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var column in _columns)
        {
            command.Parameters.Add(column.Mapping.CreateParameter(command, string.Empty, column.Get(entity), column.Nullable));
        }
    }

    private sealed record Column(string Name, Func<TEntity, object?> Get, RelationalTypeMapping Mapping, bool Nullable);
}

/// <summary>Builds <see cref="DirectInsert{TEntity}"/> from a model.</summary>
public static class DirectInsert
{
    public static DirectInsert<TEntity>? TryCreate<TEntity>(IModel model, ISqlGenerationHelper sqlHelper)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(sqlHelper);
        var entityType = model.FindEntityType(typeof(TEntity));
        if (entityType?.GetTableName() is not { } table
            || entityType.GetDerivedTypes().Any()
            || entityType.BaseType is not null
            || entityType.GetNavigations().Any()
            || entityType.GetComplexProperties().Any())
        {
            return null;
        }

        var store = StoreObjectIdentifier.Table(table, entityType.GetSchema());
        var columns = new List<(string Name, Func<TEntity, object?> Get, RelationalTypeMapping Mapping, bool Nullable)>();
        foreach (var property in entityType.GetProperties())
        {
            if (property.IsShadowProperty() || property.ValueGenerated != ValueGenerated.Never || property.GetColumnName(store) is not { } column)
            {
                return null;
            }

            var getter = property.GetGetter();
            columns.Add((column, entity => getter.GetClrValueUsingContainingEntity(entity), property.GetRelationalTypeMapping(), property.IsNullable));
        }

        var names = string.Join(", ", columns.Select(c => sqlHelper.DelimitIdentifier(c.Name)));
        var parameters = string.Join(", ", columns.Select((_, index) => "$" + (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return new DirectInsert<TEntity>(
            $"INSERT INTO {sqlHelper.DelimitIdentifier(table, entityType.GetSchema())} ({names}) VALUES ({parameters})",
            columns);
    }
}
