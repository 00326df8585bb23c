using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneTimeSecret.Application.Common.Interfaces;

namespace OneTimeSecret.Web.FunctionalTests.Api;

/// <summary>Issue 15 item 10: only a host name may follow the <c>@</c>, with labels and lengths a mail server accepts.</summary>
public sealed class RecipientValidationApiTests
{
    private OneTimeSecretApp _app = null!;
    private HttpClient _customer = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await OneTimeSecretApp.StartAsync();
        var account = await _app.AddAccountAsync("validating@example.org");
        _customer = _app.CreateClient(account.CustId, account.ApiToken);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _customer.Dispose();
        await _app.DisposeAsync();
    }

    private static readonly string[] Refused =
    [
        "fred@[127.0.0.1]",
        "fred@[IPv6:::1]",
        $"fred@{new string('b', 64)}.org",
        $"fred@example.{new string('c', 200)}",
        $"{new string('a', 65)}@example.org",
        $"{new string('a', 64)}@{string.Join('.', Enumerable.Repeat(new string('b', 60), 3))}.example.org",
    ];

    [TestCaseSource(nameof(Refused))]
    public async Task ShouldRefuseTheRecipient_AndStoreNothing(string recipient)
    {
        var before = await StoredAsync();

        var response = await _customer.PostFormAsync("/api/v1/share", ("secret", "not for a literal"), ("recipient", recipient));
        var json = await response.ExpectJsonAsync(HttpStatusCode.BadRequest);

        Assert.That(json["message"]!.GetValue<string>(), Is.EqualTo("Recipient must be a valid email address"));
        Assert.That(await StoredAsync(), Is.EqualTo(before));
    }

    private async Task<int> StoredAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IApplicationDbContext>().Secrets.CountAsync();
    }
}
