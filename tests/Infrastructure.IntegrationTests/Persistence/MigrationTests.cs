using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneTimeSecret.Infrastructure.Persistence;

namespace OneTimeSecret.Infrastructure.IntegrationTests.Persistence;

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public sealed class MigrationTests(DatabaseProvider provider) : DatabaseTestBase(provider)
{
    [Test]
    public async Task ShouldApplyEveryMigration_WhenTheAppStarts()
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();

        Assert.That(await db.Database.GetPendingMigrationsAsync(), Is.Empty);
        Assert.That(await db.Database.GetAppliedMigrationsAsync(), Is.Not.Empty);
    }

    [Test]
    public async Task ShouldHaveAMigrationForEveryModelChange_WhenTheModelIsCompared()
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();

        Assert.That(db.Database.HasPendingModelChanges(), Is.False, "run 'dotnet ef migrations add' for this provider");
    }

    [Test]
    public async Task ShouldBeIdempotent_WhenMigrationsRunAgain()
    {
        await Services.InitialiseDatabaseAsync();

        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        Assert.That(await db.Database.CanConnectAsync(), Is.True);
    }
}
