using Mediator;
using Microsoft.EntityFrameworkCore;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Common.Models;
using OneTimeSecret.Domain.Customers;

namespace OneTimeSecret.Application.Customers.Queries.SignIn;

/// <summary>
/// Checks a custid and password for the browser's sign-in; answers the requester, or null when either is wrong.
/// An unknown account, or one without a password, costs one bcrypt verification like a known one, so the time
/// taken does not tell which accounts exist.
/// </summary>
public sealed record SignInQuery(string CustId, string Password) : IQuery<Requester?>;

public sealed class SignInQueryHandler(IApplicationDbContext db, IPassphraseHasher passwordHasher, DecoyPasswordHash decoy)
    : IQueryHandler<SignInQuery, Requester?>
{
    /// <summary>Longer inputs are refused without work; the sign-up validator never accepts them.</summary>
    private const int MaxPasswordLength = 1_024;

    public async ValueTask<Requester?> Handle(SignInQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (string.IsNullOrEmpty(query.CustId) || query.CustId.Length > Customer.MaxCustIdLength
            || string.IsNullOrEmpty(query.Password) || query.Password.Length > MaxPasswordLength)
        {
            return null;
        }

        var custId = Customer.NormalizeCustId(query.CustId);
        var customer = await db.Customers
            .AsNoTracking()
            .Where(c => c.CustId == custId)
            .Select(c => new { c.Id, c.CustId, c.PlanId, c.PasswordHash })
            .SingleOrDefaultAsync(cancellationToken);

        var verified = passwordHasher.Verify(query.Password, customer?.PasswordHash ?? decoy.Value);
        return verified && customer is { PasswordHash: not null }
            ? new Requester(customer.CustId, customer.Id, customer.PlanId)
            : null;
    }
}

/// <summary>
/// A bcrypt hash of a random password, made once per process with the configured work factor, for checking the
/// passwords of accounts that do not exist. The web host makes it at start-up: made at the first unknown-account
/// sign-in instead, that one sign-in would be measurably slower and tell that the account does not exist.
/// </summary>
public sealed class DecoyPasswordHash(IPassphraseHasher passwordHasher, IKeyGenerator keyGenerator)
{
    public string Value { get; } = passwordHasher.Hash(keyGenerator.NewApiToken());
}
