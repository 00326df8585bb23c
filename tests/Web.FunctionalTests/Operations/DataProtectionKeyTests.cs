using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneTimeSecret.Infrastructure.Persistence;

namespace OneTimeSecret.Web.FunctionalTests.Operations;

/// <summary>The keys behind cookies and antiforgery tokens live in the database, encrypted under the master key.</summary>
public sealed class DataProtectionKeyTests
{
    [Test]
    public async Task ShouldStoreTheKeysEncryptedInTheDatabase_WhenAFormIsRendered()
    {
        await using var app = await OneTimeSecretApp.StartAsync();
        using var client = app.CreateClient();

        var page = await client.GetAsync("/");

        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await using var scope = app.Services.CreateAsyncScope();
        var keys = await scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().DataProtectionKeys.AsNoTracking().ToListAsync();
        Assert.That(keys, Is.Not.Empty);
        Assert.That(keys.Select(k => k.Xml), Is.All.Contain("encryptedWithMasterKey").And.All.Not.Contain("<masterKey"));
    }
}
