using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Domain.Customers;

namespace OneTimeSecret.Application.Customers.Commands.AddCustomer;

/// <summary>Create an account and its first API token.</summary>
public sealed record AddCustomerCommand(string CustId, string PlanId, string? Password = null) : ICommand<IssuedApiToken>;

public sealed class AddCustomerCommandHandler(
    IApplicationDbContext db,
    IKeyGenerator keyGenerator,
    IKeyHasher keyHasher,
    IPassphraseHasher passwordHasher,
    TimeProvider clock) : ICommandHandler<AddCustomerCommand, IssuedApiToken>
{
    public async ValueTask<IssuedApiToken> Handle(AddCustomerCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var custId = Customer.NormalizeCustId(command.CustId);
        if (await db.Customers.AnyAsync(c => c.CustId == custId, cancellationToken))
        {
            throw new ConflictException($"The account '{custId}' already exists");
        }

        var now = clock.GetUtcNow();
        var passwordHash = string.IsNullOrEmpty(command.Password) ? null : passwordHasher.Hash(command.Password);
        var customer = Customer.Create(custId, command.PlanId, passwordHash, now);
        var token = keyGenerator.NewApiToken();
        customer.AddApiToken(keyHasher.Hash(token), now);
        db.Customers.Add(customer);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another request may have created the same account between the check above and this insert.
            if (await db.Customers.AsNoTracking().AnyAsync(c => c.CustId == custId, cancellationToken))
            {
                throw new ConflictException($"The account '{custId}' already exists");
            }

            throw;
        }

        return new IssuedApiToken(custId, token);
    }
}

public sealed class AddCustomerCommandValidator : AbstractValidator<AddCustomerCommand>
{
    public AddCustomerCommandValidator()
    {
        RuleFor(c => c.CustId).ValidCustId();
        RuleFor(c => c.PlanId).KnownPlan();
        RuleFor(c => c.Password).MaximumLength(1_024);
    }
}
