using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Common.Options;
using OneTimeSecret.Domain.Customers;

namespace OneTimeSecret.Application.Customers.Commands.IssueApiToken;

/// <summary>
/// Issue a new API token for an account; with <paramref name="RevokeOthers"/>, the old ones stop working. Refused
/// (conflict) when the account already holds <c>Accounts:MaxActiveApiTokens</c> active tokens.
/// </summary>
public sealed record IssueApiTokenCommand(string CustId, bool RevokeOthers = false) : ICommand<IssuedApiToken>;

public sealed class IssueApiTokenCommandHandler(
    IApplicationDbContext db,
    IKeyGenerator keyGenerator,
    IKeyHasher keyHasher,
    TimeProvider clock,
    IOptions<AccountOptions> options) : ICommandHandler<IssueApiTokenCommand, IssuedApiToken>
{
    public async ValueTask<IssuedApiToken> Handle(IssueApiTokenCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var custId = Customer.NormalizeCustId(command.CustId);
        var customer = await db.Customers
            .Include(c => c.ApiTokens)
            .SingleOrDefaultAsync(c => c.CustId == custId, cancellationToken)
            ?? throw new NotAuthorizedException($"No account '{custId}'");

        var now = clock.GetUtcNow();
        if (command.RevokeOthers)
        {
            customer.RevokeAllApiTokens(now);
        }

        var cap = options.Value.MaxActiveApiTokens;
        if (customer.ApiTokens.Count(t => t.IsActive) >= cap)
        {
            throw new ConflictException($"An account may hold at most {cap} active API tokens: revoke one first");
        }

        var token = keyGenerator.NewApiToken();
        customer.AddApiToken(keyHasher.Hash(token), now);
        await db.SaveChangesAsync(cancellationToken);
        return new IssuedApiToken(customer.CustId, token);
    }
}

public sealed class IssueApiTokenCommandValidator : AbstractValidator<IssueApiTokenCommand>
{
    public IssueApiTokenCommandValidator()
    {
        RuleFor(c => c.CustId).NotEmpty();
    }
}
