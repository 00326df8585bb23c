using Microsoft.EntityFrameworkCore;
using Npgsql;
using OneTimeSecret.Infrastructure.Persistence;

namespace OneTimeSecret.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// Which exceptions mean "the database cannot be reached right now" (answered 503) and which are errors of the app or
/// of the data (answered as they are). The failover cases are what Npgsql throws with several hosts.
/// </summary>
public sealed class DatabaseFailuresTests
{
    [Test]
    public void ShouldCountNoReachablePrimaryAsUnavailable_WhenSeveralHostsAreConfigured()
    {
        // What Npgsql throws when Target Session Attributes=primary finds no primary among the hosts.
        var noHost = new NpgsqlException("No suitable host was found.", new AggregateException(new NpgsqlException("not a primary")));

        Assert.That(DatabaseFailures.IsUnavailable(noHost), Is.True);
        Assert.That(DatabaseFailures.IsUnavailable(new InvalidOperationException("wrapped", noHost)), Is.True);
    }

    [Test]
    public void ShouldCountAReadOnlyRefusalAsUnavailable_WhenTheServerIsAStandby()
    {
        var readOnly = new PostgresException("cannot execute INSERT in a read-only transaction", "ERROR", "ERROR", "25006");

        Assert.That(DatabaseFailures.IsUnavailable(new DbUpdateException("save", readOnly)), Is.True);
        Assert.That(DatabaseFailures.ErrorCode(readOnly), Is.EqualTo("PostgreSQL 25006"));
    }

    [TestCase("23505")]
    [TestCase("22001")]
    [TestCase("42P01")]
    public void ShouldNotCountAnErrorOfTheData_AsUnavailable(string sqlState)
    {
        var error = new PostgresException("an error of the data or the schema", "ERROR", "ERROR", sqlState);

        Assert.That(DatabaseFailures.IsUnavailable(new DbUpdateException("save", error)), Is.False);
    }
}
