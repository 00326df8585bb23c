using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OneTimeSecret.Application.UnitTests.TestSupport;

/// <summary>
/// Runs <paramref name="interleave"/> once, just before the context's first UPDATE reaches the database: a
/// deterministic stand-in for another request that gets there first.
/// </summary>
public sealed class BeforeFirstUpdateInterceptor(Func<Task> interleave) : DbCommandInterceptor
{
    public bool HasRun { get; private set; }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command,
        CommandEventData eventData,
        InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!HasRun && command.CommandText.TrimStart().StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase))
        {
            HasRun = true;
            await interleave();
        }

        return result;
    }
}
