using System.Collections.Concurrent;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Common.Models;
using OneTimeSecret.Application.Customers;
using OneTimeSecret.Application.Customers.Commands.AddCustomer;
using OneTimeSecret.Application.Requests.Commands.AnswerSecretRequest;
using OneTimeSecret.Application.Requests.Commands.CancelSecretRequest;
using OneTimeSecret.Application.Requests.Commands.CreateSecretRequest;
using OneTimeSecret.Application.Requests.Common;
using OneTimeSecret.Domain.Requests;
using OneTimeSecret.Infrastructure.Persistence;

namespace OneTimeSecret.Infrastructure.IntegrationTests.Requests;

/// <summary>The one-time answer of a request on both engines: one winner, nothing stored for the losers.</summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public sealed class AnswerSecretRequestTests(DatabaseProvider provider) : DatabaseTestBase(provider)
{
    private async Task<Requester> AccountAsync(string custId)
    {
        await HandleAsync<AddCustomerCommandHandler, IssuedApiToken>(h => h.Handle(new AddCustomerCommand(custId, "basic"), CancellationToken.None));
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var customer = await db.Customers.AsNoTracking().SingleAsync(c => c.CustId == custId);
        return new Requester(customer.CustId, customer.Id, customer.PlanId);
    }

    private Task<SecretRequestDto> CreateAsync(Requester requester) =>
        HandleAsync<CreateSecretRequestCommandHandler, SecretRequestDto>(h => h.Handle(new CreateSecretRequestCommand(requester, "a note", 3600, 3600), CancellationToken.None));

    private Task<Unit> AnswerAsync(string requestKey, string value) =>
        HandleAsync<AnswerSecretRequestCommandHandler, Unit>(h => h.Handle(new AnswerSecretRequestCommand(requestKey, value, null, "https://secrets.example.com"), CancellationToken.None));

    private async Task<(int Secrets, long Counted, SecretRequestState State)> StoredAsync(Requester requester)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var secrets = await db.Secrets.CountAsync(s => s.CustomerId == requester.CustomerId);
        var counted = await db.Customers.Where(c => c.Id == requester.CustomerId).Select(c => c.SecretsCreated).SingleAsync();
        var state = await db.SecretRequests.Where(r => r.CustomerId == requester.CustomerId).Select(r => r.State).SingleAsync();
        return (secrets, counted, state);
    }

    [Test]
    public async Task ShouldStoreExactlyOneSecret_When50AnswersRace()
    {
        var requester = await AccountAsync("racer@example.org");
        var request = await CreateAsync(requester);
        var winners = new ConcurrentBag<int>();
        var losers = 0;
        using var start = new ManualResetEventSlim(false);

        var racers = Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
        {
            start.Wait();
            try
            {
                await AnswerAsync(request.RequestKey, $"answer {i}");
                winners.Add(i);
            }
            catch (RequestNotFoundException)
            {
                Interlocked.Increment(ref losers);
            }
        })).ToArray();
        start.Set();
        await Task.WhenAll(racers);
        var stored = await StoredAsync(requester);

        Assert.That(winners, Has.Count.EqualTo(1));
        Assert.That(losers, Is.EqualTo(49));
        Assert.That(stored, Is.EqualTo((1, 1L, SecretRequestState.Answered)), "one secret, counted once, and the request answered");
    }

    [Test]
    public async Task ShouldStoreNothing_WhenTheRequestWasCancelledFirst()
    {
        var requester = await AccountAsync("canceller@example.org");
        var request = await CreateAsync(requester);
        await HandleAsync<CancelSecretRequestCommandHandler, SecretRequestDto>(h => h.Handle(new CancelSecretRequestCommand(requester, request.RequestKey), CancellationToken.None));

        Assert.ThrowsAsync<RequestNotFoundException>(() => AnswerAsync(request.RequestKey, "too late"));
        Assert.That(await StoredAsync(requester), Is.EqualTo((0, 0L, SecretRequestState.Cancelled)));
    }

    [Test]
    public async Task ShouldStoreTheNoteAndKeyOnlyEncrypted()
    {
        var requester = await AccountAsync("private@example.org");
        var request = await CreateAsync(requester);
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var row = await db.SecretRequests.AsNoTracking().SingleAsync(r => r.CustomerId == requester.CustomerId);

        Assert.That(System.Text.Encoding.UTF8.GetString(row.EncryptedNote!), Does.Not.Contain("a note"));
        Assert.That(System.Text.Encoding.UTF8.GetString(row.EncryptedRequestKey), Does.Not.Contain(request.RequestKey));
        Assert.That(row.RequestKeyHash, Has.Length.EqualTo(32));
    }
}
