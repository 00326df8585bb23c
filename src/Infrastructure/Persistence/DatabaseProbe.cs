using Microsoft.EntityFrameworkCore;
using OneTimeSecret.Application.Common.Interfaces;

namespace OneTimeSecret.Infrastructure.Persistence;

internal sealed class DatabaseProbe(ApplicationDbContext db) : IDatabaseProbe
{
    public async Task<bool> CanConnectAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await db.Database.CanConnectAsync(cancellationToken);
        }
        catch (Exception exception) when (DatabaseFailures.IsUnavailable(exception))
        {
            return false;
        }
    }

    public async Task<bool> IsSchemaUpToDateAsync(CancellationToken cancellationToken)
    {
        try
        {
            var pending = await db.Database.GetPendingMigrationsAsync(cancellationToken);
            return !pending.Any();
        }
        catch (Exception exception) when (DatabaseFailures.IsUnavailable(exception))
        {
            return false;
        }
    }
}
