using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneTimeSecret.Application.Common.Models;
using OneTimeSecret.Application.Customers;
using OneTimeSecret.Application.Customers.Commands.AddCustomer;
using OneTimeSecret.Application.Customers.Queries.AuthenticateApiClient;
using OneTimeSecret.Application.Secrets.Commands.BurnSecret;
using OneTimeSecret.Application.Secrets.Commands.ViewMetadata;
using OneTimeSecret.Application.Secrets.Common;
using OneTimeSecret.Application.Secrets.Queries.GetRecentMetadata;
using OneTimeSecret.Infrastructure.Persistence;

namespace OneTimeSecret.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// Issue 15, item 16: a secret row names its account by id only. The account's address (its custid) lives in the
/// account alone, so a copy of the secrets table does not list who shared what; the answers still show the custid.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public sealed class SecretOwnerStorageTests(DatabaseProvider provider) : DatabaseTestBase(provider)
{
    [Test]
    public async Task ShouldKeepTheAddressOutOfTheSecretRow_AndStillAnswerWithTheCustId()
    {
        var custId = $"owner-{Guid.NewGuid():N}"[..20] + "@example.org";
        var requester = await AccountAsync(custId);

        var created = await ShareAsync("owned value", requester: requester);
        var viewed = await HandleAsync<ViewMetadataCommandHandler, MetadataDto>(h => h.Handle(new ViewMetadataCommand(created.MetadataKey), CancellationToken.None));
        var recent = await HandleAsync<GetRecentMetadataQueryHandler, IReadOnlyList<MetadataDto>>(h => h.Handle(new GetRecentMetadataQuery(requester), CancellationToken.None));
        var burned = await HandleAsync<BurnSecretCommandHandler, BurnedSecret>(h => h.Handle(new BurnSecretCommand(created.MetadataKey, null, TestClient), CancellationToken.None));
        var anonymous = await ShareAsync("anonymous value");

        var cells = await SecretCellsAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(cells, Is.Not.Empty, "the probe must read the rows at all");
            Assert.That(cells.Where(c => c.Text.Contains(custId, StringComparison.OrdinalIgnoreCase)).Select(c => c.Column), Is.Empty, "columns of secrets holding the address");
            Assert.That(created.Metadata.CustId, Is.EqualTo(custId));
            Assert.That(viewed.CustId, Is.EqualTo(custId));
            Assert.That(recent.Select(m => m.CustId), Is.All.EqualTo(custId));
            Assert.That(burned.Metadata.CustId, Is.EqualTo(custId));
            Assert.That(anonymous.Metadata.CustId, Is.EqualTo("anon"));
        }
    }

    private async Task<Requester> AccountAsync(string custId)
    {
        var account = await HandleAsync<AddCustomerCommandHandler, IssuedApiToken>(h => h.Handle(new AddCustomerCommand(custId, "basic"), CancellationToken.None));
        return (await HandleAsync<AuthenticateApiClientQueryHandler, Requester?>(h =>
            h.Handle(new AuthenticateApiClientQuery(account.CustId, account.ApiToken), CancellationToken.None)))!;
    }

    /// <summary>Every cell of the secrets table as text (byte columns read as UTF-8), with its column's name.</summary>
    private async Task<List<(string Column, string Text)>> SecretCellsAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM secrets";
        await using DbDataReader reader = await command.ExecuteReaderAsync();
        var cells = new List<(string, string)>();
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var value = reader.IsDBNull(i) ? null : reader.GetValue(i);
                cells.Add((reader.GetName(i), value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty));
            }
        }

        return cells;
    }
}
