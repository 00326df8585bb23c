using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using OneTimeSecret.Infrastructure.Persistence;

namespace OneTimeSecret.Application.UnitTests.TestSupport;

/// <summary>
/// A real SQLite database in memory, migrated like production. It lives as long as its connection is open, so one
/// instance is one fresh database; every context made by <see cref="NewContext"/> shares it, like the request scopes
/// of a running service.
/// </summary>
public sealed class SqliteTestDatabase : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly DbContextOptions<SqliteApplicationDbContext> _options;
    private readonly List<SqliteApplicationDbContext> _contexts = [];

    public SqliteTestDatabase()
    {
        _connection = new SqliteConnection("DataSource=:memory:");
        _connection.Open();
        _options = new DbContextOptionsBuilder<SqliteApplicationDbContext>().UseSqlite(_connection).Options;
        using var context = new SqliteApplicationDbContext(_options);
        context.Database.Migrate();
    }

    /// <summary>A new context with nothing tracked, as a new request would get.</summary>
    public SqliteApplicationDbContext NewContext(params IInterceptor[] interceptors)
    {
        var options = interceptors.Length == 0
            ? _options
            : new DbContextOptionsBuilder<SqliteApplicationDbContext>(_options).AddInterceptors(interceptors).Options;
        var context = new SqliteApplicationDbContext(options);
        _contexts.Add(context);
        return context;
    }

    /// <summary>
    /// Every stored text and blob, read with plain SQL from every table, to check what a database dump would show.
    /// </summary>
    public IReadOnlyList<object> AllStoredValues()
    {
        var tables = new List<string>();
        using (var command = _connection.CreateCommand())
        {
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var values = new List<object>();
        foreach (var table in tables)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (!reader.IsDBNull(i))
                    {
                        values.Add(reader.GetValue(i));
                    }
                }
            }
        }

        return values;
    }

    /// <summary>Whether <paramref name="text"/> appears anywhere in the database, as text or as UTF-8 bytes.</summary>
    public bool Contains(string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        return AllStoredValues().Any(value => value switch
        {
            string s => s.Contains(text, StringComparison.OrdinalIgnoreCase),
            byte[] b => b.AsSpan().IndexOf(bytes) >= 0,
            _ => false,
        });
    }

    public void Dispose()
    {
        foreach (var context in _contexts)
        {
            context.Dispose();
        }

        _connection.Dispose();
    }
}
