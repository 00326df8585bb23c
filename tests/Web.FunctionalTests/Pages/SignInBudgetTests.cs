using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Infrastructure.Crypto;

namespace OneTimeSecret.Web.FunctionalTests.Pages;

/// <summary>Password guessing meets a budget per target account as well as per address; IPv6 clients count by /64.</summary>
public sealed class SignInBudgetTests
{
    private const string Password = "correct horse battery";

    private OneTimeSecretApp _app = null!;

    [SetUp]
    public async Task StartAsync() => _app = await OneTimeSecretApp.StartAsync(settings: new Dictionary<string, string?>
    {
        ["RateLimits:Enabled"] = "true",
        ["RateLimits:SignIn:PermitLimit"] = "2",
        ["RateLimits:SignIn:WindowSeconds"] = "300",
        ["RateLimits:SignInFailuresPerAccount:PermitLimit"] = "3",
        ["RateLimits:SignInFailuresPerAccount:WindowSeconds"] = "900",
    });

    [TearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    private static string NewCustId() => $"user{Guid.NewGuid():N}"[..20] + "@example.org";

    private PageSession SessionAt(string address)
    {
        var session = PageSession.Start(_app);
        session.Client.DefaultRequestHeaders.Add(TestClientAddressStartupFilter.Header, address);
        return session;
    }

    private async Task<string> SignUpAsync()
    {
        var custId = NewCustId();
        using var session = SessionAt("198.51.100.200");
        await session.SignUpAsync(custId, Password);
        return custId;
    }

    [Test]
    public async Task ShouldNotCheckTheRightPassword_WhenGuessesFromManyAddressesSpentTheAccountsBudget()
    {
        var target = await SignUpAsync();
        var bystander = await SignUpAsync();

        for (var i = 1; i <= 3; i++)
        {
            using var guesser = SessionAt($"203.0.113.{i}");
            (await guesser.SubmitAsync("/signin", "/signin", ("custid", target), ("password", $"guess number {i}"))).ExpectHtml(HttpStatusCode.BadRequest);
        }

        using var owner = SessionAt("198.51.100.7");
        var locked = await owner.SubmitAsync("/signin", "/signin", ("custid", target), ("password", Password));
        var other = await owner.SubmitAsync("/signin", "/signin", ("custid", bystander), ("password", Password));

        locked.ExpectHtml(HttpStatusCode.TooManyRequests);
        Assert.That(locked.Html, Does.Contain("Too many wrong passwords for this account"));
        Assert.That(locked.Header("Retry-After"), Is.Not.Null);
        other.ExpectStatus(HttpStatusCode.Redirect);

        _app.Clock.Advance(TimeSpan.FromMinutes(16));
        using var later = SessionAt("198.51.100.8");
        (await later.SubmitAsync("/signin", "/signin", ("custid", target), ("password", Password))).ExpectStatus(HttpStatusCode.Redirect);
    }

    [Test]
    public async Task ShouldCountAnIPv6ClientByIts64Network()
    {
        var statuses = new List<HttpStatusCode>();
        foreach (var address in new[] { "2001:db8:1:2::1", "2001:db8:1:2::2", "2001:db8:1:2:ffff:ffff:ffff:fffe" })
        {
            using var session = SessionAt(address);
            statuses.Add((await session.SubmitAsync("/signin", "/signin", ("custid", NewCustId()), ("password", "wrong password"))).Status);
        }

        using var neighbour = SessionAt("2001:db8:1:3::1");
        var neighbours = await neighbour.SubmitAsync("/signin", "/signin", ("custid", NewCustId()), ("password", "wrong password"));

        Assert.That(statuses, Is.EqualTo(new[] { HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests }));
        neighbours.ExpectStatus(HttpStatusCode.BadRequest);
    }
}

/// <summary>The decoy hash for unknown accounts is made before the first request, not by the first unknown sign-in.</summary>
public sealed class DecoyHashTests
{
    [Test]
    public async Task ShouldMakeTheDecoyPasswordHash_WhenTheAppStarts()
    {
        var hasher = new CountingHasher();
        await using var app = await OneTimeSecretApp.StartAsync(configureServices: services =>
        {
            services.RemoveAll<IPassphraseHasher>();
            services.AddSingleton<IPassphraseHasher>(provider =>
            {
                hasher.Inner = new BCryptPassphraseHasher(provider.GetRequiredService<IOptions<EncryptionOptions>>());
                return hasher;
            });
        });

        Assert.That(hasher.Hashes, Is.EqualTo(1), "one hash, the decoy, before any request");

        using var session = PageSession.Start(app);
        (await session.SubmitAsync("/signin", "/signin", ("custid", "nobody@example.org"), ("password", "some password"))).ExpectStatus(HttpStatusCode.BadRequest);
        Assert.That(hasher.Hashes, Is.EqualTo(1), "the unknown-account sign-in made no hash of its own");
    }

    private sealed class CountingHasher : IPassphraseHasher
    {
        private int _hashes;

        public BCryptPassphraseHasher Inner { get; set; } = null!;

        public int Hashes => Volatile.Read(ref _hashes);

        public string Hash(string passphrase)
        {
            Interlocked.Increment(ref _hashes);
            return Inner.Hash(passphrase);
        }

        public bool Verify(string passphrase, string hash) => Inner.Verify(passphrase, hash);
    }
}
